/**
 * A Redis Cluster resharding under a load of session requests, driven step by step as
 * `redis-cli --cluster reshard` does it (`CLUSTER SETSLOT ... IMPORTING / MIGRATING`, `MIGRATE`,
 * `SETSLOT ... NODE`), each step seen by every browser's next requests: while a slot moves, the
 * source answers `ASK` for the keys it has handed over, then `MOVED` for all of them. Every request
 * is answered 200, no visit answered 200 is lost, and a session invalidated mid-move stays gone.
 */
import { expect } from 'chai';
import { startClusterRuntime } from '../../../support/cluster-runtime.js';
import type { RedisCluster } from '../../../support/redis-cluster.js';
import type { RedisServer } from '../../../support/redis-server.js';
import type { Harness } from '../../../support/runtime-harness.js';
import { VisitLoad } from '../../../support/visit-load.js';

const BROWSERS = 4;
const PREFIX = 'dirigible-session:';

describe('RedisStore on a Redis Cluster while slots move', function () {
  this.timeout(120_000);
  let cluster: RedisCluster;
  let harness: Harness;
  let logged: string[];
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    ({ cluster, harness, logged, close } = await startClusterRuntime());
  });

  after(() => close?.());

  /** The session key of a browser's session (`<prefix>default:<id>`). */
  function sessionKey(load: VisitLoad, browser: number): string {
    return `${PREFIX}default:${load.browser(browser).cookies.get('JSESSIONID')}`;
  }

  /** How many `ASKING` commands `node` has served (`INFO commandstats`). */
  async function askingCalls(node: RedisServer): Promise<number> {
    const stats = String(await cluster.on(node, ['INFO', 'commandstats']));
    return Number(/cmdstat_asking:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  }

  /** Another master than `node`. */
  function otherThan(node: RedisServer): RedisServer {
    return cluster.nodes.find((candidate) => candidate !== node) as RedisServer;
  }

  it('moves the slots of live sessions step by step under load: every request 200, every visit kept', async () => {
    const load = new VisitLoad(Array.from({ length: BROWSERS }, () => harness.client()));
    try {
      await load.more(3, (visit) => visit.status === 200);
      const moves = await Promise.all(
        Array.from({ length: BROWSERS }, async (_, browser) => {
          const key = sessionKey(load, browser);
          const slot = await cluster.slotOf(key);
          const source = await cluster.ownerOf(slot);
          return { key, slot, source, target: otherThan(source) };
        }),
      );
      const slots = [...new Map(moves.map((move) => [move.slot, move])).values()];
      for (const { slot, source, target } of slots) await cluster.beginMigration(slot, source, target);
      await load.more(3);
      for (const { slot, source, target } of slots)
        expect(await cluster.migrateKeys(slot, source, target)).to.include.members(
          moves.filter((move) => move.slot === slot).map((move) => move.key),
        );
      await load.more(3); // the sessions answered through ASK
      for (const { target } of slots)
        expect(await askingCalls(target), 'the target was asked with ASKING').to.be.above(0);
      for (const { slot, source, target } of slots) await cluster.finishMigration(slot, source, target);
      await load.more(3); // through MOVED, then the new slot map
      await load.stop();
      for (const { key, slot, target } of moves) {
        expect((await cluster.ownerOf(slot)).port).to.equal(target.port);
        expect(await cluster.on(target, ['EXISTS', key]), key).to.equal(1);
      }
      expect(load.statuses(), logged.join('\n')).to.deep.equal([200]);
      expect(load.breaks()).to.deep.equal([]);
    } finally {
      await load.stop();
    }
  });

  it('a session invalidated while its slot moves stays gone: its old cookie starts a new session', async () => {
    const browser = harness.client();
    await browser.get('/services/js/visit-counter.js');
    expect((await browser.get('/services/js/visit-counter.js')).text).to.match(/: 2\n/);
    const cookie = `JSESSIONID=${browser.cookies.get('JSESSIONID')}`;
    const key = `${PREFIX}default:${browser.cookies.get('JSESSIONID')}`;
    const slot = await cluster.slotOf(key);
    const source = await cluster.ownerOf(slot);
    const target = otherThan(source);
    await cluster.beginMigration(slot, source, target);
    expect(await cluster.migrateKeys(slot, source, target)).to.include(key);
    const logout = await browser.request('/services/js/logout.js', { method: 'POST' });
    expect(logout.status, logout.text).to.equal(303);
    const returning = await harness.client().request('/services/js/visit-counter.js', { headers: { cookie } });
    expect([returning.status, returning.text]).to.deep.equal([200, 'Visits in this session: 1 (new session)\n']);
    await cluster.finishMigration(slot, source, target);
    const again = await harness.client().request('/services/js/visit-counter.js', { headers: { cookie } });
    expect([again.status, again.text]).to.deep.equal([200, 'Visits in this session: 1 (new session)\n']);
    expect(await cluster.on(target, ['EXISTS', key])).to.equal(0);
    expect(await cluster.on(source, ['CLUSTER', 'GETKEYSINSLOT', String(slot), '1000'])).not.to.include(key);
  });
});
