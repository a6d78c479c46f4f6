/**
 * Redis going away under traffic and coming back, as docs/multi-machine.md ("Faults") describes it,
 * on a real redis-server: killed (SIGKILL) while browsers keep counting their visits, and restarted
 * from its append-only file (`appendfsync always`), no write that a browser saw answered 200 is
 * lost; meanwhile requests get 503 and the readiness probe too, and the same process recovers
 * without a restart, logging the loss and the return once each. Restarted empty (no persistence),
 * a returning browser simply starts a new session.
 */
import { once } from 'node:events';
import { expect } from 'chai';
import type { RedisClientType } from 'redis';
import type { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { examplesDir } from '../../../support/paths.js';
import { RedisServer } from '../../../support/redis-server.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';

const BROWSERS = 6;
const VISITS = /^Visits in this session: (\d+)/;

/** Resolves once `ready()` is true, checked after every response. */
function whenReady(ready: () => boolean, checks: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!ready()) return;
      checks.delete(check);
      resolve();
    };
    checks.add(check);
    check();
  });
}

describe('Redis restarted under traffic', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let harness: Harness;
  const logged: string[] = [];

  before(async () => {
    redis = await RedisServer.start(['--appendonly', 'yes', '--appendfsync', 'always']);
    harness = await startRuntime({
      root: examplesDir,
      redisUrl: redis.url,
      readinessPath: '/health/ready',
      log: (line) => logged.push(line),
    });
  });

  after(async () => {
    await harness?.close();
    await redis?.dispose();
  });

  async function connected(): Promise<void> {
    const client = (harness.runtime.sessions.store as RedisStore).client as RedisClientType;
    if (!client.isReady) await once(client, 'ready');
  }

  it('killed and restarted from its AOF: no visit answered 200 is lost, 503 meanwhile, recovered in the same process', async () => {
    const acked: number[][] = Array.from({ length: BROWSERS }, () => []);
    const statuses: number[] = [];
    const checks = new Set<() => void>();
    let running = true;
    const browsers = Array.from({ length: BROWSERS }, () => harness.client());
    const loops = browsers.map(async (browser, index) => {
      while (running) {
        const response = await browser.get('/services/js/visit-counter.js');
        statuses.push(response.status);
        const visits = VISITS.exec(response.text);
        if (response.status === 200 && visits !== null) acked[index]?.push(Number(visits[1]));
        for (const check of checks) check();
      }
    });

    await whenReady(() => statuses.filter((status) => status === 200).length >= 5 * BROWSERS, checks);
    await redis.crash();
    const crashedAt = statuses.length;
    await whenReady(() => statuses.slice(crashedAt).filter((status) => status === 503).length >= BROWSERS, checks);
    expect((await harness.client().get('/health/ready')).status, 'unready while Redis is down').to.equal(503);
    await redis.restart();
    await connected();
    const restartedAt = acked.map((visits) => visits.length);
    await whenReady(() => acked.every((visits, index) => visits.length > (restartedAt[index] ?? 0)), checks);
    running = false;
    await Promise.all(loops);

    expect([...new Set(statuses)].sort()).to.deep.equal([200, 503]);
    for (const visits of acked) {
      const increasing = visits.every((count, index) => index === 0 || count > (visits[index - 1] ?? 0));
      expect(increasing, `every visit answered 200 counts on from the last: ${visits}`).to.equal(true);
    }
    expect((await harness.client().get('/health/ready')).status, 'ready again').to.equal(200);
    const lines = logged.filter((line) => line.startsWith('redis: '));
    expect(
      lines.filter((line) => / lost \(/.test(line)),
      lines.join('\n'),
    ).to.have.lengthOf(1);
    expect(
      lines.filter((line) => / again$/.test(line)),
      lines.join('\n'),
    ).to.have.lengthOf(1);
  });

  it('restarted empty: a returning browser starts a new session, answered 200', async () => {
    const browser = harness.client();
    await browser.get('/services/js/visit-counter.js');
    const before = browser.cookies.get('JSESSIONID');
    expect((await browser.get('/services/js/visit-counter.js')).text).to.match(/: 2\n/);
    await redis.stop();
    redis.wipe();
    await redis.restart();
    await connected();
    const returning = await browser.get('/services/js/visit-counter.js');
    expect([returning.status, returning.text]).to.deep.equal([200, 'Visits in this session: 1 (new session)\n']);
    expect(browser.cookies.get('JSESSIONID')).to.be.a('string').and.not.equal(before);
  });
});
