/**
 * A full Redis, as docs/multi-machine.md ("`maxmemory`") describes it, on a real redis-server whose
 * memory is filled with keys that have no TTL. With `noeviction` every session is kept: requests
 * that write one get 503 with Redis's OOM message, no such write is applied, and the readiness
 * probe stays ready. With `volatile-lru` Redis drops sessions (they have a TTL) to make room, and
 * the principal index (no TTL) stays; a user whose session was dropped starts a new one.
 */
import { expect } from 'chai';
import type { RedisClientType } from 'redis';
import { fixturesDir } from '../../../support/paths.js';
import { RedisServer } from '../../../support/redis-server.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';

const FILL = "for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'filler:' .. i, string.rep('x', 100)) end";

describe('Redis at maxmemory', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let admin: RedisClientType;
  let harness: Harness;

  before(async () => {
    redis = await RedisServer.start();
    admin = await redis.connectClient();
    harness = await startRuntime({
      root: `${fixturesDir}ops`,
      redisUrl: redis.url,
      readinessPath: '/health/ready',
      principalAttribute: 'user',
    });
  });

  after(async () => {
    await harness?.close();
    admin?.destroy();
    await redis?.dispose();
  });

  /** Sets maxmemory `room` bytes above what Redis uses now. */
  async function leaveRoom(room: number): Promise<void> {
    const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
    await admin.configSet('maxmemory', String(used + room));
  }

  it('noeviction: a session write gets 503 with the OOM message and is not applied; readiness stays ready', async () => {
    const returning = harness.client();
    expect((await returning.get('/services/js/login.js?user=ann')).status).to.equal(200);
    const key = `dirigible-session:default:${returning.cookies.get('JSESSIONID')}`;
    const stored = await admin.hGetAll(key);
    await admin.configSet('maxmemory-policy', 'noeviction');
    await leaveRoom(100_000);
    // One script: Redis checks maxmemory before its first write only, so it fills past the limit.
    await admin.eval(FILL, { keys: [], arguments: ['2000'] });

    const created = await harness.client().get('/services/js/login.js?user=bob');
    const changed = await returning.get('/services/js/login.js?user=carl');
    for (const refused of [created, changed]) {
      expect(refused.status, refused.text).to.equal(503);
      expect(refused.json<{ code: string; message: string }>()).to.include({ code: 'ERR_STORE_UNAVAILABLE' });
      expect(refused.json<{ message: string }>().message).to.include(
        "OOM command not allowed when used memory > 'maxmemory'",
      );
    }
    expect(await admin.hGetAll(key), 'the returning session is as it was').to.deep.equal(stored);
    expect(await admin.dbSize()).to.be.greaterThan(1000);
    expect((await harness.client().get('/health/ready')).status).to.equal(200);
  });

  it('volatile-lru: Redis drops sessions, not the principal index; a dropped user starts a new session', async () => {
    await admin.configSet('maxmemory-policy', 'volatile-lru');
    await leaveRoom(30_000);
    const early = [];
    for (let i = 0; i < 20; i++) {
      const browser = harness.client();
      expect((await browser.get('/services/js/login.js?user=dora')).status).to.equal(200);
      early.push(browser);
    }
    for (let i = 0; i < 200; i++) await harness.client().get('/services/js/login.js?user=eve');
    expect(Number(/evicted_keys:(\d+)/.exec(await admin.info('stats'))?.[1])).to.be.greaterThan(0);
    expect(await admin.sCard('principal-index:dirigible-session:default:dora')).to.be.greaterThan(0);

    const exists = await Promise.all(
      early.map((browser) => admin.exists(`dirigible-session:default:${browser.cookies.get('JSESSIONID')}`)),
    );
    const dropped = early[exists.indexOf(0)];
    expect(dropped, 'some early session was dropped').not.to.equal(undefined);
    const again = await dropped?.get('/services/js/login.js');
    expect([again?.status, again?.text]).to.deep.equal([200, 'nobody']);
  });
});
