/**
 * The sweep while sessions are locked, on a real redis-server: with `sessionLock`, each locked
 * session has a lock key (a string, `<prefix>lock:<application>:<id>`) among the session hashes
 * the sweep walks with `SCAN`. Such a key is not a session: the sweep passes over it and goes on.
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../../../common/record.js';
import { SessionManager } from '../../../../main/session/manager.js';
import { RedisSessionLock } from '../../../../main/session/redis/redis-lock.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { RedisServer } from '../../../support/redis-server.js';

function idle(id: string): SessionRecord {
  return { id, creationTime: 0, lastAccessedTime: 0, maxInactiveInterval: 10, isNew: false, attributes: [] };
}

describe('the Redis session sweep while session locks are held', function () {
  this.timeout(30_000);
  let server: RedisServer;
  before(async () => {
    server = await RedisServer.start();
  });
  after(() => server.dispose());

  it('removes the expired sessions, passing over the lock keys among them', async () => {
    const store = new RedisStore({ url: server.url });
    const manager = new SessionManager({ store, sweepInterval: 0, clock: { now: () => 60_000 } });
    const lock = new RedisSessionLock(store.client, {
      keyPrefix: `${store.prefix}lock:default:`,
      leaseMs: 60_000,
      commandTimeout: 2000,
    });
    try {
      await store.create(idle('default:expired'));
      const unlock = await lock.acquire('busy', 1000);
      expect(await store.expiredIds(60_000)).to.deep.equal(['default:expired']);
      expect(await manager.sweep()).to.equal(1);
      expect(await store.get('default:expired')).to.equal(undefined);
      unlock();
    } finally {
      await manager.close();
      await store.close();
    }
  });
});
