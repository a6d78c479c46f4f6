/**
 * The Redis session lock hands the lock over in arrival order among one node's requests, as the
 * in-process lock does. Before, every waiting request polled Redis with a growing pause, so a
 * request that arrived later took the lock the moment it was freed while an earlier one slept: a
 * user's slow request behind a stream of quick ones of the same session waited `sessionLockWait`
 * and got 503 `ERR_SESSION_LOCKED` although no request held the session that long.
 */
import { expect } from 'chai';
import { createClient, type RedisClientType } from 'redis';
import { RedisSessionLock } from '../../../../main/session/redis/redis-lock.js';
import { RedisServer } from '../../../support/redis-server.js';

describe('RedisSessionLock: one node hands the lock over in arrival order', function () {
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
    await client.close();
    await redis.dispose();
  });

  it('a request waiting for the lock gets it before one that arrives as the lock is freed', async () => {
    const lock = new RedisSessionLock(client, { keyPrefix: 'lock:', leaseMs: 60_000, commandTimeout: 2000 });
    const order: string[] = [];
    const take = (name: string) =>
      lock.acquire('s', 30_000).then((release) => {
        order.push(name);
        release();
      });
    const holder = await lock.acquire('s', 1000);
    const waiting = take('waiting');
    await client.ping(); // the waiting request's first attempt (found the lock held) went before this
    holder();
    const later = take('later'); // arrives the moment the lock is freed
    await Promise.all([waiting, later]);
    expect(order).to.deep.equal(['waiting', 'later']);
  });

  it('a request that gives up waiting leaves its place to the next one', async () => {
    const lock = new RedisSessionLock(client, { keyPrefix: 'lock:', leaseMs: 60_000, commandTimeout: 2000 });
    const holder = await lock.acquire('t', 1000);
    const impatient = lock.acquire('t', 0).then(
      () => 'acquired',
      (error: { code?: string }) => error.code,
    );
    const patient = lock.acquire('t', 30_000);
    expect(await impatient).to.equal('ERR_SESSION_LOCKED');
    holder();
    (await patient)();
    expect(await client.exists('lock:t')).to.equal(0);
  });
});
