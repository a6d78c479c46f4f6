/**
 * Issue 14, failure 8 (lost updates): with `sessionLock` on, the requests of one session run one
 * at a time, so 100 concurrent increments of a counter lose nothing, in memory and on a real
 * Redis; a request waits at most `sessionLockWait`, then 503 ERR_SESSION_LOCKED; a Redis lock left
 * by a dead node ends with its lease.
 */
import { expect } from 'chai';
import { once } from 'node:events';
import { createClient, type RedisClientType } from 'redis';
import { MemorySessionLock } from '../../../main/session/session-lock.js';
import { RedisSessionLock } from '../../../main/session/redis/redis-lock.js';
import type { RedisStore } from '../../../main/session/redis/redis-store.js';
import type { CookieJarClient } from '../../support/cookie-jar-client.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

async function hundredIncrements(harness: Harness): Promise<{ client: CookieJarClient; statuses: number[] }> {
  const client = harness.client();
  expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('1');
  const answers = await Promise.all(Array.from({ length: 100 }, () => client.get('/services/js/hardening/counter.js')));
  return { client, statuses: answers.map((answer) => answer.status) };
}

describe('hardening: the session lock', function () {
  this.timeout(120_000);

  it('without it (the default), concurrent increments are lost: each request commits what it read', async () => {
    const harness = await startRuntime({ workers: 2 });
    try {
      const { client } = await hundredIncrements(harness);
      const final = Number((await client.get('/services/js/hardening/counter.js')).text);
      expect(final).to.be.below(102);
    } finally {
      await harness.close();
    }
  });

  it('in memory: 100 concurrent increments of one session all count', async () => {
    const harness = await startRuntime({ workers: 2, sessionLock: true, sessionLockWait: 60_000 });
    try {
      const { client, statuses } = await hundredIncrements(harness);
      expect(statuses.every((status) => status === 200)).to.equal(true);
      expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('102');
    } finally {
      await harness.close();
    }
  });

  it('on Redis: 100 concurrent increments of one session all count', async () => {
    const redis = await RedisServer.start();
    const harness = await startRuntime({ workers: 2, redisUrl: redis.url, sessionLock: true, sessionLockWait: 60_000 });
    try {
      const { client, statuses } = await hundredIncrements(harness);
      expect(statuses.every((status) => status === 200)).to.equal(true);
      expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('102');
    } finally {
      await harness.close();
      await redis.dispose();
    }
  });

  it('on Redis down: a session request answers 503 ERR_STORE_UNAVAILABLE (not a 500), and works again when Redis returns', async () => {
    const redis = await RedisServer.start();
    const harness = await startRuntime({ redisUrl: redis.url, sessionLock: true });
    try {
      const client = harness.client();
      expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('1');
      await redis.stop();
      const refused = await client.get('/services/js/hardening/counter.js');
      expect(refused.status).to.equal(503);
      const body = refused.json<{ code: string; message: string }>();
      expect(body.code).to.equal('ERR_STORE_UNAVAILABLE');
      expect(body.message).to.match(/^session store unavailable: Redis lock failed: /);
      await redis.restart();
      const owned = (harness.runtime.sessions.store as RedisStore).client as RedisClientType;
      if (!owned.isReady) await once(owned, 'ready'); // it reconnects by itself
      expect((await harness.client().get('/services/js/hardening/counter.js')).text).to.equal('1');
    } finally {
      await harness.close();
      await redis.dispose();
    }
  });

  it('a wait past sessionLockWait: 503 ERR_SESSION_LOCKED; other sessions are not held up', async () => {
    const harness = await startRuntime({ workers: 2, sessionLock: true, sessionLockWait: 200, timeout: 10_000 });
    try {
      const client = harness.client();
      await client.get('/services/js/hardening/counter.js');
      const busy = client.get('/services/js/slow-set.js?spin=3000&set=a&value=1');
      let refused = await client.get('/services/js/hardening/counter.js');
      for (let tries = 0; refused.status === 200 && tries < 50; tries++)
        refused = await client.get('/services/js/hardening/counter.js');
      expect(refused.status).to.equal(503);
      expect(refused.json()).to.include({ code: 'ERR_SESSION_LOCKED' });
      expect((await harness.client().get('/services/js/hardening/counter.js')).text).to.equal('1');
      expect((await busy).status).to.equal(200);
    } finally {
      await harness.close();
    }
  });

  it('MemorySessionLock hands the lock over in arrival order', async () => {
    const lock = new MemorySessionLock();
    const order: number[] = [];
    const first = await lock.acquire('s', 1000);
    const waiting = [1, 2, 3].map((n) =>
      lock.acquire('s', 1000).then((release) => {
        order.push(n);
        release();
      }),
    );
    first();
    await Promise.all(waiting);
    expect(order).to.deep.equal([1, 2, 3]);
    const again = await lock.acquire('s', 10);
    again();
  });

  it('RedisSessionLock: a lock whose holder died ends with its lease', async () => {
    const redis = await RedisServer.start();
    const client = createClient({ url: redis.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const dead = new RedisSessionLock(client, { keyPrefix: 'lock:', leaseMs: 300, commandTimeout: 2000 });
      await dead.acquire('s', 1000); // never released: its node "died"
      const live = new RedisSessionLock(client, { keyPrefix: 'lock:', leaseMs: 300, commandTimeout: 2000 });
      const refused = await live.acquire('s', 20).then(
        () => 'acquired',
        (error: { code?: string }) => error.code,
      );
      expect(refused).to.equal('ERR_SESSION_LOCKED');
      const release = await live.acquire('s', 30_000);
      release();
    } finally {
      await client.close();
      await redis.dispose();
    }
  });
});
