/**
 * Operators see what a request would find: right after sessions expired by the clock (idle, or past
 * the absolute timeout) and before any sweep, `count`, `list` and `find` leave them out, in memory
 * and on a real redis-server; after the sweep they say the same. The active-sessions gauge, read at
 * every scrape, counts what the store holds (reading every session's times per scrape costs too
 * much): the expired sessions until the sweep removes them.
 */
import { expect } from 'chai';
import { RuntimeMetrics } from '../../../main/ops/metrics.js';
import { SessionManager } from '../../../main/session/manager.js';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { RedisStore } from '../../../main/session/redis/redis-store.js';
import { RequestSession } from '../../../main/session/request-session.js';
import { defaultCookieOptions } from '../../../main/session/cookie.js';
import { sessionIdHash } from '../../../main/session/session-admin.js';
import type { SessionStore } from '../../../main/session/store.js';
import type { WorkerPool } from '../../../main/supervisor/pool.js';
import { RedisServer } from '../../support/redis-server.js';

const START = 1_700_000_000_000;

/** The gauge `dirigible_sessions_active` as a scrape reads it. */
async function activeGauge(manager: SessionManager): Promise<number | undefined> {
  // The pool only feeds the worker gauges, which this spec does not read.
  const pool = { stats: () => ({ restarts: 0, queued: 0, ready: 0 }) } as unknown as WorkerPool;
  const metric = new RuntimeMetrics(manager, pool).registry.getSingleMetric('dirigible_sessions_active');
  return (await metric?.get())?.values[0]?.value;
}

for (const kind of ['memory', 'Redis'] as const) {
  describe(`operators' sessions right after they expired, before a sweep (${kind})`, function () {
    this.timeout(30_000);
    let server: RedisServer | undefined;
    let prefixes = 0;
    let now = START;
    const clock = { now: () => now };
    let managers: SessionManager[];

    before(async () => {
      if (kind === 'Redis') server = await RedisServer.start();
    });
    after(() => server?.dispose());
    beforeEach(() => {
      now = START;
      managers = [];
    });
    afterEach(async () => {
      for (const manager of managers) await manager.close();
    });

    function newManager(absoluteTimeout = 0): SessionManager {
      const store: SessionStore =
        server === undefined
          ? new MemoryStore()
          : new RedisStore({ url: server.url, prefix: `admin-expiry${++prefixes}:` });
      const manager = new SessionManager({ store, clock, sweepInterval: 0, maxInactiveInterval: 60, absoluteTimeout });
      managers.push(manager);
      return manager;
    }

    /** A session of `principal` stored through `manager`, idle timeout `interval` seconds; its id hash. */
    async function stored(manager: SessionManager, principal: string, interval = 60): Promise<string> {
      return sessionIdHash(await storedId(manager, principal, interval));
    }

    /** `stored`, giving the session's id. */
    async function storedId(manager: SessionManager, principal: string, interval = 60): Promise<string> {
      const session = await manager.create();
      session.setMaxInactiveInterval(interval);
      await manager.commit(session);
      expect(await manager.store.setPrincipal?.(manager.storeKey(session.getId()), principal, undefined)).to.equal(
        true,
      );
      return session.getId();
    }

    /** What the operators' calls report: count, the id hashes of a full listing, alice's id hashes, the gauge. */
    async function report(manager: SessionManager) {
      const listed: string[] = [];
      let cursor = '';
      do {
        const page = await manager.admin.list({ cursor, limit: 1 });
        listed.push(...page.sessions.map((session) => session.idHash));
        cursor = page.cursor;
      } while (cursor !== '');
      return {
        count: await manager.admin.count(),
        listed: listed.sort(),
        alices: (await manager.admin.find('alice')).map((session) => session.idHash).sort(),
        gauge: await activeGauge(manager),
      };
    }

    it('leaves out sessions idle past their interval, and agrees with the sweep that follows', async () => {
      const manager = newManager();
      await stored(manager, 'alice');
      await stored(manager, 'bob');
      const kept = await stored(manager, 'alice', 600);
      now += 60_000;
      const live = { count: 1, listed: [kept], alices: [kept], gauge: 1 };
      expect(await report(manager)).to.deep.equal({ ...live, gauge: 3 });
      expect(await manager.sweep()).to.equal(2);
      expect(await report(manager)).to.deep.equal(live);
    });

    it('counts and lists a session expired by the clock while a request of this process holds it (it does not expire under a request)', async () => {
      const manager = newManager();
      const heldId = await storedId(manager, 'alice');
      const held = sessionIdHash(heldId);
      await stored(manager, 'alice');
      const request = await RequestSession.open(manager, defaultCookieOptions, {
        requestedId: heldId,
        time: now,
        secure: false,
      });
      now += 60_000;
      expect(await report(manager)).to.deep.equal({ count: 1, listed: [held], alices: [held], gauge: 2 });
      expect(await manager.sweep(), 'the sweep leaves the held session').to.equal(1);
      request.release();
      expect(await report(manager)).to.deep.equal({ count: 0, listed: [], alices: [], gauge: 1 });
    });

    it('leaves out sessions past the absolute timeout, however recently used', async () => {
      const manager = newManager(3600);
      const old = await stored(manager, 'alice', -1);
      now += 1800_000;
      const young = await stored(manager, 'alice', -1);
      expect((await report(manager)).alices).to.deep.equal([old, young].sort());
      now += 1800_000;
      expect(await report(manager)).to.deep.equal({ count: 1, listed: [young], alices: [young], gauge: 2 });
      expect(await manager.sweep()).to.equal(1);
      expect((await report(manager)).gauge).to.equal(1);
    });
  });
}
