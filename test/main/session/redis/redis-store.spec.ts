/**
 * The Redis store against the shared store contract, on a real redis-server started for this
 * suite, plus what is particular to Redis: the data layout, TTLs, key prefixes, the serializer,
 * who owns the connection, and SCAN rather than KEYS.
 */
import { expect } from 'chai';
import { createClient, type RedisClientType } from 'redis';
import { SessionManager } from '../../../../main/session/manager.js';
import { TTL_GRACE_SECONDS } from '../../../../main/session/redis/redis-layout.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { record, T0 } from '../../../support/store-contract-core.js';
import { describeStoreContract } from '../../../support/store-contract.js';
import { RedisServer } from '../../../support/redis-server.js';

describe('RedisStore on a real redis-server', () => {
  let server: RedisServer;
  let admin: RedisClientType;
  let stores = 0;

  before(async function () {
    this.timeout(30_000);
    server = await RedisServer.start();
    admin = await server.connectClient();
  });
  after(async () => {
    await admin?.close();
    await server?.dispose();
  });

  /** A store on its own connection and its own key prefix, so every test starts empty. */
  function newStore(prefix = `test${++stores}:`): RedisStore {
    return new RedisStore({ url: server.url, prefix });
  }

  describeStoreContract('RedisStore', {
    create: async () => newStore(),
    peer: async (store) => newStore((store as RedisStore).prefix),
    dispose: async (store) => store.close?.(),
  });

  describe('RedisStore (Redis specifics)', () => {
    let store: RedisStore;
    beforeEach(() => {
      store = newStore();
    });
    afterEach(() => store.close());

    it('is distributed: the manager tells passivation listeners around its writes and reads', async () => {
      const seen: string[] = [];
      const listener = {
        sessionWillPassivate: () => void seen.push('willPassivate'),
        sessionDidActivate: () => void seen.push('didActivate'),
      };
      const manager = new SessionManager({ store, sweepInterval: 0, listeners: [listener] });
      const session = await manager.create();
      session.setAttribute('a', 1);
      await manager.commit(session);
      await manager.find(session.getId());
      expect(seen).to.deep.equal(['willPassivate', 'didActivate']);
    });

    it('keeps one hash per session under <prefix><application>:<id>, metadata under m:, attributes under a: with their order', async () => {
      const named = new RedisStore({ url: server.url, prefix: 'myprefix:' });
      const shop = new SessionManager({ store: named, sweepInterval: 0, application: { name: 'shop' } });
      try {
        const session = await shop.create(undefined, 1_700_000_000_000);
        session.setAttribute('cart', ['apple']);
        session.setAttribute('m:created', 'x');
        await shop.commit(session);
        const key = `myprefix:shop:${session.getId()}`;
        expect(named.key(shop.storeKey(session.getId()))).to.equal(key);
        expect(await admin.hGetAll(key)).to.deep.equal({
          'm:created': '1700000000000',
          'm:accessed': '1700000000000',
          'm:maxInactive': '1800',
          'm:new': '1',
          'm:order': '2',
          'a:cart': '1:["apple"]',
          'a:m:created': '2:"x"',
        });
      } finally {
        await shop.close();
      }
    });

    it('sets a TTL of the max inactive interval (rounded up to seconds) plus the grace, renewed by every write', async () => {
      const created = record([], { maxInactiveInterval: 1800 });
      await store.create(created);
      const ttl = await admin.ttl(store.key(created.id));
      expect(ttl).to.be.within(1800, 1800 + TTL_GRACE_SECONDS);
      await admin.expire(store.key(created.id), 5);
      await store.update(created.id, {
        set: [['a', '1']],
        removed: [],
        lastAccessedTime: created.lastAccessedTime + 1,
      });
      expect(await admin.ttl(store.key(created.id))).to.be.within(1800, 1800 + TTL_GRACE_SECONDS);
      const fractional = record([], { maxInactiveInterval: 1.5 });
      await store.create(fractional);
      expect(await admin.pTTL(store.key(fractional.id)))
        .to.be.above(1500 + TTL_GRACE_SECONDS * 1000)
        .and.at.most(2000 + TTL_GRACE_SECONDS * 1000);
    });

    it('keeps a session a request is still using when its interval runs out: its write is saved, not lost', async () => {
      let now = T0;
      const clock = { now: () => now };
      const manager = new SessionManager({ store, sweepInterval: 0, clock, maxInactiveInterval: 1 });
      const created = await manager.create();
      created.setAttribute('a', 1);
      await manager.commit(created);
      const id = created.getId();
      // A request loads the session just before its second runs out, and runs on past it.
      now += 900;
      manager.acquire(id);
      const used = (await manager.find(id)) as NonNullable<Awaited<ReturnType<typeof manager.find>>>;
      used.access(now);
      now += 1600;
      // Meanwhile a lookup on this node leaves it alone: it is in use.
      expect(await manager.find(id)).to.not.equal(undefined);
      // Redis keeps the key for the interval plus the grace (real seconds): a request that
      // outlives the interval by less than the grace still finds its session when it saves.
      expect(await admin.ttl(store.key(manager.storeKey(id)))).to.be.above(TTL_GRACE_SECONDS - 5);
      used.setAttribute('b', 2);
      expect(await manager.commit(used)).to.equal('saved');
      manager.release(id);
      expect(await admin.hExists(store.key(manager.storeKey(id)), 'a:b')).to.equal(1);
      // Not in use, idle for its interval: the servlet rule expires it, whatever the TTL.
      expect(await manager.find(id)).to.equal(undefined);
      expect(await admin.exists(store.key(manager.storeKey(id)))).to.equal(0);
    });

    it("stores a session whose interval was set beyond Java's int as 2147483647 s (Redis refused 1e300 with a 503)", async () => {
      const manager = new SessionManager({ store, sweepInterval: 0 });
      const session = await manager.create();
      session.setAttribute('a', 1);
      session.setMaxInactiveInterval(1e300);
      expect(await manager.commit(session)).to.equal('saved');
      expect(await admin.ttl(store.key(manager.storeKey(session.getId())))).to.be.within(
        2_147_483_000,
        2_147_483_647 + TTL_GRACE_SECONDS,
      );
      const stored = await manager.find(session.getId());
      expect(stored?.getMaxInactiveInterval()).to.equal(2_147_483_647);
      stored?.setMaxInactiveInterval(-1e17);
      expect(await manager.commit(stored as NonNullable<typeof stored>)).to.equal('saved');
      expect(await admin.ttl(store.key(manager.storeKey(session.getId())))).to.equal(-1);
      expect((await manager.find(session.getId()))?.getAttribute('a')).to.equal(1);
    });

    it('gives a never-expiring session no TTL, and removes the TTL when the interval becomes <= 0', async () => {
      const never = record([], { maxInactiveInterval: 0 });
      await store.create(never);
      expect(await admin.ttl(store.key(never.id))).to.equal(-1);
      const expiring = record([], { maxInactiveInterval: 60 });
      await store.create(expiring);
      await store.update(expiring.id, { set: [], removed: [], maxInactiveInterval: -1 });
      expect(await admin.ttl(store.key(expiring.id))).to.equal(-1);
      await store.update(expiring.id, { set: [], removed: [], maxInactiveInterval: 30 });
      expect(await admin.ttl(store.key(expiring.id))).to.be.within(30, 30 + TTL_GRACE_SECONDS);
    });

    it('applications with different names share one Redis without seeing each other', async () => {
      const shop = new SessionManager({ store, sweepInterval: 0, application: { name: 'shop' } });
      const blog = new SessionManager({ store, sweepInterval: 0, application: { name: 'blog' } });
      const session = await shop.create();
      session.setAttribute('a', 1);
      await shop.commit(session);
      expect(await blog.find(session.getId())).to.equal(undefined);
      expect((await shop.find(session.getId()))?.getAttribute('a')).to.equal(1);
      expect([await store.count('shop:'), await store.count('blog:')]).to.deep.equal([1, 0]);
    });

    it('rename keeps the TTL', async () => {
      const created = record([], { id: 'app:before', maxInactiveInterval: 1800 });
      await store.create(created);
      await admin.expire(store.key('app:before'), 100);
      expect(await store.rename('app:before', 'app:after')).to.equal(true);
      expect(await admin.ttl(store.key('app:after'))).to.be.within(1, 100);
    });

    it('stores attribute values through the serializer the caller gives, and reads them back', async () => {
      const base64 = {
        serialize: (json: string) => Buffer.from(json).toString('base64'),
        deserialize: (stored: string) => Buffer.from(stored, 'base64').toString(),
      };
      const encoded = new RedisStore({ url: server.url, prefix: `test${++stores}:`, serializer: base64 });
      try {
        const created = record([['secret', 'swordfish']]);
        await encoded.create(created);
        await encoded.update(created.id, { set: [['more', '"text"']], removed: [] });
        expect(await admin.hGet(encoded.key(created.id), 'a:secret')).to.equal(
          `1:${Buffer.from('"swordfish"').toString('base64')}`,
        );
        expect((await encoded.get(created.id))?.attributes).to.deep.equal([
          ['secret', '"swordfish"'],
          ['more', '"text"'],
        ]);
      } finally {
        await encoded.close();
      }
    });

    it('a hash without session metadata is not adopted as a session', async () => {
      const created = record();
      await admin.hSet(store.key(created.id), 'a:x', '1:1');
      expect(await store.get(created.id)).to.equal(undefined);
      expect(await new SessionManager({ store, sweepInterval: 0 }).find(created.id)).to.equal(undefined);
    });

    it('uses a client passed in and leaves it open on close', async () => {
      const borrowing = new RedisStore({ client: admin, prefix: store.prefix });
      const created = record([['a', 1]]);
      expect(await borrowing.create(created)).to.equal(true);
      expect(await store.get(created.id)).to.deep.equal(created);
      await borrowing.close();
      expect(admin.isReady).to.equal(true);
    });

    it('loads its scripts again when Redis has forgotten them (SCRIPT FLUSH, a restart): NOSCRIPT falls back to EVAL', async () => {
      const created = record([['a', 1]]);
      expect(await store.create(created)).to.equal(true);
      await admin.scriptFlush();
      expect(await store.update(created.id, { lastAccessedTime: T0 + 5, set: [['b', '2']], removed: ['a'] })).to.equal(
        true,
      );
      expect(await store.get(created.id)).to.deep.include({ lastAccessedTime: T0 + 5, attributes: [['b', '2']] });
    });

    it('works the same through a RESP3 client passed in', async () => {
      const resp3 = createClient({ url: server.url, RESP: 3 });
      resp3.on('error', () => undefined);
      await resp3.connect();
      try {
        const borrowing = new RedisStore({ client: resp3, prefix: store.prefix });
        const created = record([
          ['a', 1],
          ['b', { c: [2] }],
        ]);
        expect(await borrowing.create(created)).to.equal(true);
        expect(await borrowing.get(created.id)).to.deep.equal(created);
        expect(await borrowing.update(created.id, { lastAccessedTime: T0 + 1, set: [], removed: ['a'] })).to.equal(
          true,
        );
        expect(await store.get(created.id)).to.deep.equal(await borrowing.get(created.id), 'both read the same record');
      } finally {
        resp3.destroy();
      }
    });

    it('closes the client it created from a URL', async () => {
      const owning = newStore();
      await owning.get(record().id);
      expect((owning.client as RedisClientType).isOpen).to.equal(true);
      await owning.close();
      expect((owning.client as RedisClientType).isOpen).to.equal(false);
    });

    it('checks its options at construction, naming the bad one', () => {
      expect(() => new RedisStore({}))
        .to.throw(/exactly one of "url", "client" and "sentinel"/)
        .with.property('code', 'ERR_INVALID_OPTION');
      expect(() => new RedisStore({ url: 'http://localhost' })).to.throw(
        /option "url" must be a redis:\/\/ or rediss:\/\/ URL/,
      );
      expect(() => new RedisStore({ url: server.url, prefix: 7 as never })).to.throw(/option "prefix"/);
      expect(() => new RedisStore({ url: server.url, scanCount: 0 })).to.throw(/option "scanCount"/);
      expect(() => new RedisStore({ url: server.url, serializer: {} as never })).to.throw(/option "serializer"/);
    });

    it('counts and finds expired sessions with SCAN, never KEYS', async () => {
      await admin.configResetStat();
      for (let i = 0; i < 5; i++) await store.create(record([], { lastAccessedTime: T0 + i }));
      const scanning = new RedisStore({ client: admin, prefix: store.prefix, scanCount: 2 });
      expect(await scanning.count()).to.equal(5);
      expect(await scanning.expiredIds(T0 + 1800 * 1000 + 3)).to.have.length(4);
      const stats = await admin.info('commandstats');
      expect(stats).to.match(/cmdstat_scan:calls=\d+/);
      expect(stats).to.not.match(/cmdstat_keys:/);
    });
  });
});
