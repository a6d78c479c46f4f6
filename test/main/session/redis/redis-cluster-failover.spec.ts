/**
 * A Redis Cluster master killed (SIGKILL) under a load of session requests, its replica promoted
 * (`CLUSTER FAILOVER TAKEOVER`, what the replicas do by themselves after `cluster-node-timeout`).
 * node-redis's cluster client learns the slot map again only when a node answers `MOVED`, which a
 * dead master never does: without the store refreshing the map when a master stops answering, the
 * sessions of the dead master's slots got 503 for ever. Requests answer 200 or 503 meanwhile, the
 * same process recovers by itself, and the store logs the loss and the new map once each.
 */
import { expect } from 'chai';
import { startClusterRuntime } from '../../../support/cluster-runtime.js';
import type { RedisCluster } from '../../../support/redis-cluster.js';
import type { Harness } from '../../../support/runtime-harness.js';
import { VisitLoad } from '../../../support/visit-load.js';

const BROWSERS = 6;
const PREFIX = 'dirigible-session:';

describe('RedisStore on a Redis Cluster whose master fails over', function () {
  this.timeout(120_000);
  let cluster: RedisCluster;
  let harness: Harness;
  let logged: string[];
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    ({ cluster, harness, logged, close } = await startClusterRuntime({ withReplicas: true }));
  });

  after(() => close?.());

  it('a master killed and its replica promoted: 200 or 503 meanwhile, then 200 again in the same process', async () => {
    const load = new VisitLoad(Array.from({ length: BROWSERS }, () => harness.client()));
    try {
      await load.more(3, (visit) => visit.status === 200);
      const key = `${PREFIX}default:${load.browser(0).cookies.get('JSESSIONID')}`;
      const master = await cluster.ownerOf(await cluster.slotOf(key));
      await cluster.failOver(master);
      const failedAt = load.visits.map((visits) => visits.length);
      await load.more(3, (visit) => visit.status === 200);
      await load.stop();
      expect(load.statuses().filter((status) => status !== 200 && status !== 503)).to.deep.equal([]);
      // Writes answered just before the kill may not have reached the replica (Redis replicates
      // asynchronously, docs/multi-machine.md); from the second 200 after it, each counts one more.
      const after = load.visits.map((visits, index) => visits.slice(failedAt[index]).filter((v) => v.status === 200));
      for (const visits of after) {
        expect(
          visits.some((visit) => visit.fresh),
          'no session lost',
        ).to.equal(false);
        const counts = visits.map((visit) => visit.count ?? Number.NaN);
        expect(counts.slice(1), String(counts)).to.deep.equal(counts.slice(1).map((_, i) => (counts[0] ?? 0) + i + 1));
      }
      const lines = logged.filter((line) => line.startsWith('redis cluster: '));
      expect(lines, lines.join('\n')).to.have.lengthOf(2);
      expect(lines[0]).to.match(
        new RegExp(
          `^redis cluster: node 127\\.0\\.0\\.1:${master.port} unreachable \\(.+\\); reading the slot map again until its slots answer elsewhere, and requests for them get 503 meanwhile$`,
        ),
      );
      expect(lines[1]).to.match(/^redis cluster: slot map read again; masters now /);
      expect(lines[1]).not.to.include(`:${master.port}`);
    } finally {
      await load.stop();
    }
  });
});
