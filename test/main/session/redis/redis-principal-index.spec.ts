/**
 * The principal index on a real redis-server stays as large as the principal's live sessions: each
 * recording of a principal drops from its set the ids whose session is gone or changed hands, so
 * the sets (which have no TTL) do not grow with every session a user ever had; and a session that
 * ends (destroyed, invalidated, expired on lookup or by the sweep) leaves its set at once.
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../../../common/record.js';
import { SessionManager } from '../../../../main/session/manager.js';
import { PRINCIPAL_CHECKS } from '../../../../main/session/redis/redis-principals.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { documentedAcl } from '../../../support/documented-acl.js';
import { RedisServer } from '../../../support/redis-server.js';

function session(id: string): SessionRecord {
  return { id, creationTime: 0, lastAccessedTime: 0, maxInactiveInterval: 60, isNew: true, attributes: [] };
}

/** How many HGET commands the server has run, scripts' included (INFO commandstats). */
async function hgetCalls(client: { info(section: string): Promise<string> }): Promise<number> {
  const match = /cmdstat_hget:calls=(\d+)/.exec(await client.info('commandstats'));
  return match === null ? 0 : Number(match[1]);
}

describe('the Redis principal index', function () {
  this.timeout(30_000);

  it('holds only the live sessions of a principal after many came and went', async () => {
    const server = await RedisServer.start();
    const store = new RedisStore({ url: server.url });
    const inspect = await server.connectClient();
    try {
      await store.create(session('app:kept'));
      await store.setPrincipal('app:kept', 'alice', undefined);
      for (let i = 0; i < 20; i++) {
        await store.create(session(`app:gone${i}`));
        await store.setPrincipal(`app:gone${i}`, 'alice', undefined);
        await store.destroy(`app:gone${i}`);
      }
      await store.create(session('app:handed'));
      await store.setPrincipal('app:handed', 'alice', undefined);
      await store.setPrincipal('app:handed', 'bob', 'alice');
      await store.create(session('app:last'));
      await store.setPrincipal('app:last', 'alice', undefined);
      const members = await inspect.sMembers(`principal-index:${store.prefix}app:alice`);
      expect(members.sort()).to.deep.equal(['app:kept', 'app:last']);
      expect((await store.findByPrincipal('app:', 'alice')).sort()).to.deep.equal(['app:kept', 'app:last']);
    } finally {
      inspect.destroy();
      await store.close();
      await server.dispose();
    }
  });

  it("a session that ends leaves its principal's set at once: destroyed, invalidated, expired on lookup or by the sweep", async () => {
    const server = await RedisServer.start();
    const store = new RedisStore({ url: server.url });
    const inspect = await server.connectClient();
    let now = 1_700_000_000_000;
    const manager = new SessionManager({ store, clock: { now: () => now }, sweepInterval: 0, maxInactiveInterval: 60 });
    const index = `principal-index:${store.prefix}default:alice`;
    /** A session of alice's, stored through the manager; its bare id. */
    const alicesSession = async (): Promise<string> => {
      const created = await manager.create();
      await manager.commit(created);
      expect(await store.setPrincipal(manager.storeKey(created.getId()), 'alice', undefined)).to.equal(true);
      return created.getId();
    };
    try {
      const destroyed = await alicesSession();
      const invalidated = await alicesSession();
      const kept = await alicesSession();
      expect(await store.destroy(manager.storeKey(destroyed))).to.equal(true);
      const session = await manager.find(invalidated);
      session?.invalidate();
      if (session !== undefined) expect(await manager.commit(session)).to.equal('destroyed');
      expect(await inspect.sMembers(index)).to.deep.equal([manager.storeKey(kept)]);

      const expiredOnLookup = await alicesSession();
      const swept = await alicesSession();
      now += 60_000;
      expect(await manager.find(expiredOnLookup)).to.equal(undefined);
      expect(await inspect.sIsMember(index, manager.storeKey(expiredOnLookup))).to.equal(0);
      expect(await manager.sweep()).to.equal(2);
      expect(await inspect.sMembers(index)).to.deep.equal([]);
      expect(await store.destroy(manager.storeKey(swept))).to.equal(false);
    } finally {
      await manager.close();
      inspect.destroy();
      await server.dispose();
    }
  });

  it('keeps the index under the ACL docs/multi-machine.md documents', async () => {
    const server = await RedisServer.start();
    const inspect = await server.connectClient();
    await inspect.sendCommand(documentedAcl());
    const store = new RedisStore({ url: `redis://app:secret@127.0.0.1:${server.port}` });
    let now = 1_700_000_000_000;
    const manager = new SessionManager({ store, clock: { now: () => now }, sweepInterval: 0, maxInactiveInterval: 60 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await manager.create();
        await manager.commit(created);
        expect(await store.setPrincipal(manager.storeKey(created.getId()), 'alice', undefined)).to.equal(true);
        ids.push(created.getId());
      }
      const [rotated, invalidated] = [await manager.find(ids[0]), await manager.find(ids[1])];
      rotated?.changeSessionId();
      invalidated?.invalidate();
      for (const session of [rotated, invalidated]) if (session !== undefined) await manager.commit(session);
      expect(await manager.admin.find('alice')).to.have.length(2);
      now += 60_000;
      expect(await manager.sweep()).to.equal(2);
      expect(await inspect.sMembers(`principal-index:${store.prefix}default:alice`)).to.deep.equal([]);
    } finally {
      await manager.close();
      inspect.destroy();
      await server.dispose();
    }
  });

  it("an id rotation moves the id in its principal's set", async () => {
    const server = await RedisServer.start();
    const store = new RedisStore({ url: server.url });
    const inspect = await server.connectClient();
    try {
      await store.create(session('app:before'));
      await store.setPrincipal('app:before', 'alice', undefined);
      expect(await store.rename('app:before', 'app:after')).to.equal(true);
      expect(await inspect.sMembers(`principal-index:${store.prefix}app:alice`)).to.deep.equal(['app:after']);
      expect(await store.findByPrincipal('app:', 'alice')).to.deep.equal(['app:after']);
    } finally {
      inspect.destroy();
      await store.close();
      await server.dispose();
    }
  });

  it(`checks at most ${PRINCIPAL_CHECKS} members when a user with many live sessions gets one more`, async () => {
    const server = await RedisServer.start();
    const store = new RedisStore({ url: server.url });
    const inspect = await server.connectClient();
    try {
      const live = 5 * PRINCIPAL_CHECKS;
      for (let i = 0; i < live; i++) {
        await store.create(session(`app:live${i}`));
        await store.setPrincipal(`app:live${i}`, 'alice', undefined);
      }
      await store.create(session('app:one-more'));
      const before = await hgetCalls(inspect);
      await store.setPrincipal('app:one-more', 'alice', undefined);
      expect((await hgetCalls(inspect)) - before).to.be.at.most(PRINCIPAL_CHECKS);
      expect(await inspect.sCard(`principal-index:${store.prefix}app:alice`)).to.equal(live + 1);
      expect(await store.findByPrincipal('app:', 'alice')).to.have.length(live + 1);
    } finally {
      inspect.destroy();
      await store.close();
      await server.dispose();
    }
  });
});
