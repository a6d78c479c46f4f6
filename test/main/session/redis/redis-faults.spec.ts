/**
 * Faults: the real redis-server is stopped while the store and a runtime use it, then started
 * again on the same port. Requests that need a session get 503 `ERR_STORE_UNAVAILABLE` at once
 * (no hanging), others are still served, no response claims a write Redis did not acknowledge,
 * and everything works again once Redis is back, without a restart.
 */
import { expect } from 'chai';
import { once } from 'node:events';
import type { RedisClientType } from 'redis';
import { SessionManager } from '../../../../main/session/manager.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import type { SessionStore } from '../../../../main/session/store.js';
import { record } from '../../../support/store-contract-core.js';
import { RedisCommandLog } from '../../../support/redis-command-log.js';
import { RedisServer } from '../../../support/redis-server.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';

/** Resolves once the store's connection is ready (again). */
async function connected(store: SessionStore): Promise<void> {
  const client = (store as RedisStore).client as RedisClientType;
  if (!client.isReady) await once(client, 'ready');
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the operation to fail while Redis is down');
}

describe('Redis faults', function () {
  this.timeout(60_000);
  let redis: RedisServer;

  beforeEach(async () => {
    redis = await RedisServer.start();
  });
  afterEach(() => redis.dispose());

  describe('the store', () => {
    it('fails every operation at once with ERR_STORE_UNAVAILABLE naming it while Redis is down, and works again when it returns', async () => {
      const store = new RedisStore({ url: redis.url });
      try {
        const kept = record([['a', 1]]);
        expect(await store.create(kept)).to.equal(true);
        await redis.stop();
        const operations: Array<[string, Promise<unknown>]> = [
          ['get', store.get(kept.id)],
          ['create', store.create(record())],
          ['update', store.update(kept.id, { set: [['b', '2']], removed: [] })],
          ['destroy', store.destroy(kept.id)],
          ['count', store.count()],
        ];
        for (const [name, operation] of operations) {
          const error = await failure(operation);
          expect(error.code).to.equal('ERR_STORE_UNAVAILABLE');
          expect(error.message).to.match(new RegExp(`^session store unavailable: Redis ${name} failed: `));
        }
        await redis.restart();
        await connected(store);
        const fresh = record([['c', 3]]);
        expect(await store.create(fresh)).to.equal(true);
        expect(await store.get(fresh.id)).to.deep.equal(fresh);
      } finally {
        await store.close();
      }
    });

    it('a store made while Redis is down answers its first call with ERR_STORE_UNAVAILABLE, then connects when Redis starts', async () => {
      await redis.stop();
      const store = new RedisStore({ url: redis.url });
      try {
        const manager = new SessionManager({ store, sweepInterval: 0 });
        const error = await failure(manager.find(record().id));
        expect(error.code).to.equal('ERR_STORE_UNAVAILABLE');
        await redis.restart();
        await connected(store);
        expect(await manager.find(record().id)).to.equal(undefined);
      } finally {
        await store.close();
      }
    });
  });

  describe('a runtime on Redis (redisUrl)', () => {
    let harness: Harness;
    const logged: string[] = [];

    beforeEach(async () => {
      logged.length = 0;
      harness = await startRuntime({ redisUrl: redis.url, log: (line) => logged.push(line) });
    });
    afterEach(() => harness.close());

    it('answers 503 for requests that need a session while Redis is down, serves the rest, and recovers by itself', async () => {
      const user = harness.client();
      expect((await user.get('/services/js/session-info.js?set=a&value=1')).status).to.equal(200);
      const { sessions } = harness.runtime;
      const key = (sessions.store as RedisStore).key(sessions.storeKey(user.cookies.get('JSESSIONID') ?? ''));
      const log = await RedisCommandLog.start(redis.url);

      // A request whose session was read while Redis was up, and whose write comes after it stopped.
      const inFlight = user.get('/services/js/slow-set.js?spin=1500&set=b&value=2');
      await log.waitFor((command) => command.name === 'HGETALL' && command.args[0] === key);
      await redis.stop();
      const unacknowledged = await inFlight;
      expect(unacknowledged.status, 'no success for a write Redis did not acknowledge').to.equal(503);
      expect(unacknowledged.json()).to.include({ code: 'ERR_STORE_UNAVAILABLE' });

      const withSession = await user.get('/services/js/session-info.js');
      expect(withSession.status).to.equal(503);
      expect(withSession.json<{ message: string }>().message).to.match(/^session store unavailable: Redis get failed/);
      expect(
        (await harness.client().get('/services/js/basic-usage.js')).status,
        'creating a session needs the store',
      ).to.equal(503);
      const withoutSession = await harness.client().get('/services/js/hello.js');
      expect([withoutSession.status, withoutSession.text]).to.deep.equal([200, 'hello']);
      expect(logged.join('\n')).to.match(/redis: connection to redis:\/\/127\.0\.0\.1:\d+ lost/);

      await redis.restart();
      await connected(harness.runtime.sessions.store);
      const recovered = await harness.client().get('/services/js/basic-usage.js');
      expect([recovered.status, recovered.text]).to.deep.equal([200, '[Attribute]: value1\n']);
      expect(logged.join('\n')).to.match(/redis: connected to redis:\/\/127\.0\.0\.1:\d+\/? again/);
      log.stop();
    });

    it('closes the Redis connection it made when the runtime closes', async () => {
      const client = (harness.runtime.sessions.store as RedisStore).client as RedisClientType;
      await harness.client().get('/services/js/basic-usage.js');
      expect(client.isOpen).to.equal(true);
      await harness.close();
      expect(client.isOpen).to.equal(false);
    });
  });
});
