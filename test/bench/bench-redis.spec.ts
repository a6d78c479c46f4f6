/**
 * The benchmark's Redis rows, checked without measuring anything: both targets start in their
 * own process on a real redis-server, answer what the Basic Usage script answers, and keep a
 * returning client's session in that Redis. No timing is asserted.
 */
import { expect } from 'chai';
import type { RedisClientType } from 'redis';
import { basicUsageBody, basicUsagePath } from '../../bench/basic-usage.js';
import { readCommandTotals } from '../../bench/meters/redis-commandstats.js';
import { obtainSessionCookie } from '../../bench/session-probe.js';
import { readSettings } from '../../bench/settings.js';
import { expressSessionOnRedis, runtimeOnRedis } from '../../bench/targets/redis.js';
import { RedisServer } from '../support/redis-server.js';

describe('benchmark: Redis rows', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let admin: RedisClientType;

  before(async () => {
    redis = await RedisServer.start();
    admin = await redis.connectClient();
  });
  after(async () => {
    await admin?.close();
    await redis?.dispose();
  });

  async function keysMatching(pattern: string): Promise<number> {
    let found = 0;
    for await (const keys of admin.scanIterator({ MATCH: pattern })) found += keys.length;
    return found;
  }

  it("reads a real Redis's CPU time and command count, which grow with the commands it runs", async () => {
    const before = await readCommandTotals(redis.url);
    for (let i = 0; i < 50; i++) await admin.hSet('bench-meter-probe', 'field', String(i));
    const after = await readCommandTotals(redis.url);
    expect(after.calls - before.calls).to.equal(50);
    expect(after.micros).to.be.at.least(before.micros);
    expect(before.micros).to.be.greaterThan(0);
  });

  for (const [name, target, keyPattern, cookiePattern] of [
    ['the runtime', runtimeOnRedis, 'dirigible-session:default:*', /^JSESSIONID=/],
    ['express-session + connect-redis', expressSessionOnRedis, 'bench-express-session:*', /^connect\.sid=/],
  ] as const) {
    it(`${name} starts on Redis, answers Basic Usage and keeps the session there`, async () => {
      const before = await keysMatching(keyPattern);
      const server = await target(redis.url).start({ ...readSettings({}), workers: 1 });
      try {
        expect(await obtainSessionCookie(server.url + basicUsagePath, basicUsageBody)).to.match(cookiePattern);
        expect(await keysMatching(keyPattern)).to.equal(before + 1);
      } finally {
        await server.stop();
      }
    });
  }
});
