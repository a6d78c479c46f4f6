/**
 * Session events once, with the session lock and at the session cap (the races without the lock
 * are part of the store contract: test/support/store-contract-end-once.ts). With `sessionLock`, a
 * request that invalidates and one that changes the id run one after the other, in memory and on a
 * real redis-server; a session the cap refuses is told created and destroyed once each, or not at all.
 */
import { expect } from 'chai';
import { defaultCookieOptions } from '../../../main/session/cookie.js';
import { generateSessionId } from '../../../common/ids.js';
import { SessionManager, type SessionManagerOptions } from '../../../main/session/manager.js';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { MemorySessionLock, type SessionLock } from '../../../main/session/session-lock.js';
import { RequestSession } from '../../../main/session/request-session.js';
import { RedisSessionLock } from '../../../main/session/redis/redis-lock.js';
import { RedisStore } from '../../../main/session/redis/redis-store.js';
import type { SessionStore } from '../../../main/session/store.js';
import type { SessionOp } from '../../../common/snapshot.js';
import { RedisServer } from '../../support/redis-server.js';

const START = 1_700_000_000_000;

/** A manager on `store` whose listener writes `created`, `destroyed` and `idChanged` to `told`. */
function countingManager(
  store: SessionStore | undefined,
  told: string[],
  clock: { now(): number },
  options: SessionManagerOptions = {},
) {
  return new SessionManager({
    ...options,
    ...(store === undefined ? {} : { store }),
    clock,
    sweepInterval: 0,
    maxInactiveInterval: 60,
    listeners: [
      {
        sessionCreated: () => void told.push('created'),
        sessionDestroyed: () => void told.push('destroyed'),
        sessionIdChanged: () => void told.push('idChanged'),
      },
    ],
  });
}

describe('session events once', function () {
  this.timeout(30_000);
  let redis: RedisServer;
  before(async () => {
    redis = await RedisServer.start();
  });
  after(() => redis?.dispose());

  const kinds = ['memory', 'Redis'] as const;
  for (const kind of kinds)
    for (const first of ['invalidate', 'changeSessionId'] as const)
      it(`with sessionLock (${kind}): ${first} first, then the other request of the session finds what it left`, async () => {
        let now = START;
        const clock = { now: () => now };
        const told: string[] = [];
        const store = kind === 'memory' ? undefined : new RedisStore({ url: redis.url, prefix: `lock${first}:` });
        const manager = countingManager(store, told, clock);
        const lock: SessionLock =
          store === undefined
            ? new MemorySessionLock()
            : new RedisSessionLock(store.client, {
                keyPrefix: `${store.prefix}lock:default:`,
                leaseMs: 60_000,
                commandTimeout: 2000,
              });
        const locking = { lock, waitMs: 10_000 };
        try {
          const session = await manager.create();
          await manager.commit(session);
          const id = session.getId();
          const open = () =>
            RequestSession.open(manager, defaultCookieOptions, { requestedId: id, time: now, secure: false }, locking);
          const ops: Record<typeof first, SessionOp[]> = {
            invalidate: [{ op: 'access' }, { op: 'invalidate' }],
            changeSessionId: [{ op: 'access' }, { op: 'changeId', id: generateSessionId() }],
          };
          const second = first === 'invalidate' ? 'changeSessionId' : 'invalidate';
          const holder = await open();
          const waiting = open();
          await holder.close(ops[first]);
          const next = await waiting;
          expect(next.snapshot(), 'the second request finds no session under the old id').to.equal(undefined);
          await next.close(ops[second]);
          now += 120_000;
          await manager.sweep();
          expect(told).to.deep.equal(
            first === 'invalidate' ? ['created', 'destroyed'] : ['created', 'idChanged', 'destroyed'],
          );
        } finally {
          await manager.close();
        }
      });

  it('two changeSessionId() at once through a store without rename: the copy of the one that lost is taken back', async () => {
    const told: string[] = [];
    const memory = new MemoryStore();
    // The required methods only: the manager copies to rotate (get, create, destroy).
    const store: SessionStore = {
      get: (key) => memory.get(key),
      create: (record) => memory.create(record),
      update: (key, patch) => memory.update(key, patch),
      destroy: (key) => memory.destroy(key),
    };
    const clock = { now: () => START };
    const [nodeA, nodeB] = [countingManager(store, told, clock), countingManager(store, told, clock)];
    try {
      const created = await nodeA.create();
      await nodeA.commit(created);
      const [onA, onB] = [await nodeA.find(created.getId()), await nodeB.find(created.getId())];
      const [idA, idB] = [onA?.changeSessionId(), onB?.changeSessionId()];
      const results = await Promise.all([nodeA.commit(onA as never), nodeB.commit(onB as never)]);
      expect(results).to.have.members(['saved', 'gone']);
      const live = [await nodeA.find(idA), await nodeA.find(idB)].filter((found) => found !== undefined);
      expect(live, 'the session is under one new id only').to.have.length(1);
    } finally {
      await nodeA.close();
      await nodeB.close();
    }
  });

  it('the cap refusing a script its new session: neither created nor destroyed is told', async () => {
    const told: string[] = [];
    const manager = countingManager(undefined, told, { now: () => START }, { maxActiveSessions: 1 });
    try {
      await manager.commit(await manager.create());
      const request = await RequestSession.open(manager, defaultCookieOptions, {
        requestedId: undefined,
        time: START,
        secure: false,
      });
      let refused: unknown;
      try {
        await request.close([{ op: 'create', id: generateSessionId() }]);
      } catch (error) {
        refused = (error as { code?: string }).code;
      }
      expect(refused).to.equal('ERR_SESSION_LIMIT');
      expect(told).to.deep.equal(['created']);
    } finally {
      await manager.close();
    }
  });
});

describe('an expiry another machine removed first', () => {
  it("unbinds this machine's live values, which the other machine cannot reach (its listeners are told once, by the remover)", async () => {
    let now = START;
    const clock = { now: () => now };
    const told: string[] = [];
    const shared = new MemoryStore();
    const machineB = countingManager(shared, told, clock);
    // Machine A's store: between A's lookup reading the expired session and A removing it, B's sweep removes it.
    let sweepOnRead = false;
    const storeOfA: SessionStore = {
      get: async (key) => {
        const record = await shared.get(key);
        if (sweepOnRead) await machineB.sweep();
        return record;
      },
      create: (record) => shared.create(record),
      update: (key, patch) => shared.update(key, patch),
      destroy: (key) => shared.destroy(key),
    };
    const machineA = countingManager(storeOfA, told, clock);
    const unbound: string[] = [];
    const session = await machineA.create();
    session.setAttribute('cart', { valueUnbound: () => void unbound.push(session.getId()), items: 1 });
    expect(await machineA.commit(session)).to.equal('saved');
    now += 60_000;
    sweepOnRead = true;
    expect(await machineA.find(session.getId())).to.equal(undefined);
    expect(told).to.deep.equal(['created', 'destroyed']);
    expect(unbound).to.deep.equal([session.getId()]);
    await machineA.close();
    await machineB.close();
  });
});

describe("a host's invalidate() and the other machine's sweep of the expired session", function () {
  this.timeout(30_000);
  let redis: RedisServer;
  let prefixes = 0;
  before(async () => {
    redis = await RedisServer.start();
  });
  after(() => redis?.dispose());

  for (const kind of ['memory', 'Redis'] as const)
    for (const how of ['invalidate() then commit', 'invalidateStored()'] as const)
      it(`${how} (${kind}): ${how === 'invalidateStored()' ? 'told once, by whichever removed it' : 'told by both, as a servlet invalidate() tells at once (documented)'}`, async () => {
        let now = START;
        const clock = { now: () => now };
        const told: string[] = [];
        const store =
          kind === 'memory' ? new MemoryStore() : new RedisStore({ url: redis.url, prefix: `host${++prefixes}:` });
        const peer = kind === 'memory' ? store : new RedisStore({ url: redis.url, prefix: `host${prefixes}:` });
        const [machineA, machineB] = [countingManager(store, told, clock), countingManager(peer, told, clock)];
        try {
          const created = await machineA.create();
          await machineA.commit(created);
          const session = await machineA.find(created.getId());
          if (session === undefined) throw new Error('the stored session was not found');
          now += 60_000;
          expect(await machineB.sweep()).to.equal(1);
          if (how === 'invalidateStored()') {
            expect(await machineA.invalidateStored(session), 'the sweep removed it first').to.equal(false);
            expect(session.isValid()).to.equal(false);
            expect(told).to.deep.equal(['created', 'destroyed']);
          } else {
            session.invalidate();
            expect(await machineA.commit(session)).to.equal('destroyed');
            expect(told).to.deep.equal(['created', 'destroyed', 'destroyed']);
          }
        } finally {
          await machineA.close();
          await machineB.close();
        }
      });
});

describe('an invalidation following a rotation, met by a third rotation', () => {
  /** A MemoryStore that runs `beforeDestroy` (once) just before a `destroy`: another request's commit landing there. */
  class InterleavingStore extends MemoryStore {
    beforeDestroy: ((key: string) => Promise<void>) | undefined;
    override async destroy(key: string): Promise<boolean> {
      const hook = this.beforeDestroy;
      this.beforeDestroy = undefined;
      await hook?.(key);
      return super.destroy(key);
    }
  }

  it('follows it on when the session moved again between its read and its removal: the logout lands, told once', async () => {
    const told: string[] = [];
    const store = new InterleavingStore();
    const manager = countingManager(store, told, { now: () => START });
    const created = await manager.create();
    await manager.commit(created);
    const loggingOut = await manager.find(created.getId());
    const rotating = await manager.find(created.getId());
    if (loggingOut === undefined || rotating === undefined) throw new Error('the stored session was not found');
    const movedId = rotating.changeSessionId();
    expect(await manager.commit(rotating)).to.equal('saved');
    const newestId = generateSessionId();
    // The old id's destroy finds nothing; the forwarded id's destroy meets a rotation on to newestId.
    store.beforeDestroy = async () => {
      store.beforeDestroy = async (key) => {
        if (key === manager.storeKey(movedId)) await store.rename(key, manager.storeKey(newestId));
      };
    };
    expect(await manager.invalidateStored(loggingOut)).to.equal(true);
    expect(await manager.find(newestId), 'the logout ended the session where it moved').to.equal(undefined);
    expect(told).to.deep.equal(['created', 'idChanged', 'destroyed']);
  });
});
