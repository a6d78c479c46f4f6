/**
 * The Redis session lock against a silent Redis (paused with SIGSTOP: the connection stays open
 * and Redis answers late). A lock attempt that timed out is still applied when Redis wakes up; it
 * must not hold the session for a lease. A release must reach Redis even while the lock's calls
 * fail at once after a timeout. Either leak fails the session's next requests with 503
 * `ERR_SESSION_LOCKED` for up to a lease (15 s with the defaults).
 */
import { expect } from 'chai';
import { createClient, type RedisClientType } from 'redis';
import sinon from 'sinon';
import { RedisSessionLock } from '../../../../main/session/redis/redis-lock.js';
import { RedisServer } from '../../../support/redis-server.js';

const LOCK_OPTIONS = { keyPrefix: 'lock:', leaseMs: 60_000, commandTimeout: 200 };

describe('RedisSessionLock and a silent Redis', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let client: RedisClientType;

  before(async () => {
    redis = await RedisServer.start();
    client = createClient({ url: redis.url });
    client.on('error', () => undefined);
    await client.connect();
  });

  after(async () => {
    redis.resume();
    await client.close();
    await redis.dispose();
  });

  /** Tries to lock `id` while Redis is paused; the code it fails with. */
  async function acquireWhilePaused(lock: RedisSessionLock, id: string): Promise<string | undefined> {
    redis.pause();
    try {
      return await lock.acquire(id, 1000).then(
        () => 'acquired',
        (error: { code?: string }) => error.code,
      );
    } finally {
      redis.resume();
    }
  }

  it('an attempt that timed out while Redis was paused holds no lock once Redis answers again', async () => {
    const lock = new RedisSessionLock(client, LOCK_OPTIONS);
    expect(await acquireWhilePaused(lock, 'paused')).to.equal('ERR_STORE_UNAVAILABLE');
    // Redis answers one connection's commands in order: this read comes after the late SET.
    expect(await client.exists('lock:paused')).to.equal(0);
    const release = await new RedisSessionLock(client, { ...LOCK_OPTIONS, commandTimeout: 2000 }).acquire('paused', 0);
    release();
  });

  it('a release is sent while the lock fails its calls at once after a timeout', async () => {
    const frozen = sinon.useFakeTimers({ toFake: ['Date'] }); // the fail-fast window does not end by itself
    try {
      const lock = new RedisSessionLock(client, LOCK_OPTIONS);
      const release = await lock.acquire('held', 1000);
      expect(await acquireWhilePaused(lock, 'other')).to.equal('ERR_STORE_UNAVAILABLE');
      release();
      expect(await client.exists('lock:held')).to.equal(0);
    } finally {
      frozen.restore();
    }
  });
});
