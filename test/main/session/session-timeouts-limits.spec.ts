/**
 * Timeouts and limits: the idle timeout, the absolute timeout from creation (on lookup and by the
 * sweep), sessions in use never expiring under a request, and the cap on active sessions (503
 * `ERR_SESSION_LIMIT` for a new one; existing sessions keep working). Time comes from the clock.
 */
import { expect } from 'chai';
import type { HttpSession } from '../../../main/session/http-session.js';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { startRuntime } from '../../support/runtime-harness.js';
import { managerFixture } from '../../support/manager-fixture.js';

interface Info {
  isNew: boolean;
  attributes: Record<string, unknown>;
}

describe('session timeouts and limits', () => {
  describe('absolute timeout', () => {
    it('expires an active session once its age reaches the timeout, on lookup', async () => {
      const { manager, clock, storedSession } = managerFixture({ maxInactiveInterval: 60, absoluteTimeout: 150 });
      const session = await storedSession();
      for (let minute = 1; minute <= 2; minute++) {
        clock.advance(50_000);
        const found = await manager.find(session.getId());
        expect(found, `request ${minute}`).to.not.equal(undefined);
        found?.access(clock.now());
        await manager.commit(found as NonNullable<typeof found>);
      }
      clock.advance(49_999);
      expect(await manager.find(session.getId())).to.not.equal(undefined);
      clock.advance(1);
      expect(await manager.find(session.getId())).to.equal(undefined);
    });

    it('the sweep removes sessions past the absolute timeout, even those that never idle out', async () => {
      const destroyed: string[] = [];
      const { manager, clock, storedSession } = managerFixture({
        absoluteTimeout: 3600,
        listeners: [{ sessionDestroyed: (e) => destroyed.push(e.session.getId()) }],
      });
      const session = await storedSession();
      session.setMaxInactiveInterval(-1);
      await manager.commit(session);
      clock.advance(3_599_999);
      expect(await manager.sweep()).to.equal(0);
      clock.advance(1);
      expect(await manager.sweep()).to.equal(1);
      expect(destroyed).to.deep.equal([session.getId()]);
    });

    it('no absolute timeout by default', async () => {
      const { manager, clock, storedSession } = managerFixture({ maxInactiveInterval: 0 });
      const session = await storedSession();
      clock.advance(10 * 365 * 24 * 3600 * 1000);
      expect(await manager.sweep()).to.equal(0);
      expect(await manager.find(session.getId())).to.not.equal(undefined);
    });

    it('a session in use by a request does not expire under it', async () => {
      const { manager, clock, storedSession } = managerFixture({ maxInactiveInterval: 10, absoluteTimeout: 20 });
      const session = await storedSession();
      manager.acquire(session.getId());
      clock.advance(30_000);
      expect(await manager.sweep()).to.equal(0);
      expect(await manager.find(session.getId())).to.not.equal(undefined);
      manager.release(session.getId());
      expect(await manager.find(session.getId())).to.equal(undefined);
    });
  });

  describe('maxActiveSessions', () => {
    it('at the cap, creating fails with ERR_SESSION_LIMIT (503) while existing sessions keep working', async () => {
      const { manager, storedSession } = managerFixture({ maxActiveSessions: 2 });
      const first = await storedSession({ n: 1 });
      await storedSession();
      expect(await manager.canCreate()).to.equal(false);
      const error = await manager.create().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).to.include({ code: 'ERR_SESSION_LIMIT', status: 503 });
      expect((error as Error).message).to.include('limit of 2 active sessions');
      first.setAttribute('n', 2);
      expect(await manager.commit(first)).to.equal('saved');
      expect((await manager.find(first.getId()))?.getAttribute('n')).to.equal(2);
      first.invalidate();
      await manager.commit(first);
      expect(await manager.canCreate()).to.equal(true);
    });

    it('concurrent creations store no more sessions than the cap; the others fail with ERR_SESSION_LIMIT', async () => {
      const store = new MemoryStore();
      const { manager } = managerFixture({ store, maxActiveSessions: 3 });
      // Ten requests that each create a session: every check runs before any of them is stored.
      const created = await Promise.all(Array.from({ length: 10 }, () => manager.create()));
      const outcomes = await Promise.allSettled(created.map((session) => manager.commit(session)));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(3);
      const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(refused).to.have.length(7);
      for (const error of refused) expect(error).to.include({ code: 'ERR_SESSION_LIMIT', status: 503 });
      expect(await store.count()).to.equal(3);
    });

    it('a created session the store refuses ends: its destroyed listeners are told, as its created ones were', async () => {
      const { manager } = managerFixture({ maxActiveSessions: 1 });
      const events: string[] = [];
      manager.addListener({
        sessionCreated: (event) => events.push(`created ${event.session.getAttribute('n')}`),
        sessionDestroyed: (event) => events.push(`destroyed ${event.session.getAttribute('n')}`),
      });
      // Two requests both see room for one more session; the second is refused as it is stored.
      const [first, second] = await Promise.all([manager.create(), manager.create()]);
      first?.setAttribute('n', 1);
      second?.setAttribute('n', 2);
      await manager.commit(first as HttpSession);
      const refused = await manager.commit(second as HttpSession).catch((error: unknown) => error);
      expect(refused).to.include({ code: 'ERR_SESSION_LIMIT' });
      expect(second?.isValid()).to.equal(false);
      expect(events).to.deep.equal(['created null', 'created null', 'destroyed 2']);
      // The refusal is final: committing the ended session again stores nothing.
      expect(await manager.commit(second as HttpSession)).to.equal('unchanged');
      expect(await manager.find(second?.getId())).to.equal(undefined);
    });

    it('mayCreate() answers from a recent count, refreshed by the sessions this manager creates and removes', async () => {
      const store = new MemoryStore();
      const { manager, storedSession } = managerFixture({ store, maxActiveSessions: 1 });
      let counts = 0;
      const count = store.count.bind(store);
      store.count = (prefix?: string) => {
        counts++;
        return count(prefix);
      };
      expect(await manager.mayCreate()).to.equal(true);
      expect(await manager.mayCreate()).to.equal(true);
      expect(counts).to.equal(1);
      const session = await storedSession();
      expect(await manager.mayCreate()).to.equal(false);
      session.invalidate();
      await manager.commit(session);
      expect(await manager.mayCreate()).to.equal(true);
    });

    it('expired sessions that no sweep has removed yet hold no slot: at the cap, they are swept first', async () => {
      const destroyed: string[] = [];
      const { manager, clock, storedSession } = managerFixture({
        maxActiveSessions: 2,
        maxInactiveInterval: 60,
        listeners: [{ sessionDestroyed: (e) => destroyed.push(e.session.getId()) }],
      });
      const idle = await storedSession();
      const kept = await storedSession();
      kept.setMaxInactiveInterval(-1);
      await manager.commit(kept);
      clock.advance(59_000);
      expect(await manager.canCreate()).to.equal(false);
      clock.advance(1_000);
      expect(await manager.canCreate()).to.equal(true);
      expect(destroyed).to.deep.equal([idle.getId()]);
      const created = await manager.create();
      expect(await manager.commit(created)).to.equal('saved');
      expect(await manager.canCreate()).to.equal(false);
    });

    it('sweeps for room at most once a second of the clock, so a full cap does not sweep per request', async () => {
      const { manager, clock, storedSession } = managerFixture({ maxActiveSessions: 1, maxInactiveInterval: 60 });
      let sweeps = 0;
      const sweep = manager.sweep.bind(manager);
      manager.sweep = () => {
        sweeps++;
        return sweep();
      };
      const session = await storedSession();
      session.setMaxInactiveInterval(-1);
      await manager.commit(session);
      for (let request = 0; request < 5; request++) expect(await manager.canCreate()).to.equal(false);
      expect(sweeps).to.equal(1);
      clock.advance(1000);
      expect(await manager.canCreate()).to.equal(false);
      expect(sweeps).to.equal(2);
    });

    it('a request at the cap while a sweep for room is under way waits for it and counts the room it made', async () => {
      // A store whose sweep takes time, as a SCAN of Redis does: the sweep is under way until `done`.
      let done = (): void => undefined;
      const swept = new Promise<void>((resolve) => {
        done = resolve;
      });
      class SlowSweepStore extends MemoryStore {
        override async expiredIds(now: number, absoluteTimeout?: number): Promise<string[]> {
          await swept;
          return super.expiredIds(now, absoluteTimeout);
        }
      }
      const store = new SlowSweepStore();
      const { manager, clock, storedSession } = managerFixture({
        store,
        maxActiveSessions: 1,
        maxInactiveInterval: 60,
      });
      await storedSession();
      clock.advance(60_000);
      let counts = 0;
      const count = store.count.bind(store);
      store.count = (prefix?: string) => {
        counts++;
        return count(prefix);
      };
      const first = manager.canCreate();
      const second = manager.canCreate();
      await new Promise((resolve) => setImmediate(resolve)); // the first request's sweep is under way
      const third = manager.mayCreate();
      done();
      expect(await Promise.all([first, second, third])).to.deep.equal([true, true, true]);
      // The first two requests counted before the sweep; the count after it is taken once, for all three.
      expect(counts).to.equal(3);
    });

    it('at the cap, an expired session a lookup removes while the sweep for room runs makes room all the same', async () => {
      // The lookup arrives at every point of the sweep: when it removes the session first, the
      // sweep removes nothing, and the count taken before it is stale.
      for (let offset = 0; offset < 16; offset++) {
        const { manager, clock, storedSession } = managerFixture({ maxActiveSessions: 1, maxInactiveInterval: 60 });
        const id = (await storedSession()).getId();
        clock.advance(60_000);
        const lookup = async () => {
          for (let turn = 0; turn < offset; turn++) await Promise.resolve();
          return manager.find(id);
        };
        const [room, found] = await Promise.all([manager.canCreate(), lookup()]);
        expect(found, `offset ${offset}`).to.equal(undefined);
        expect(room, `offset ${offset}`).to.equal(true);
        await manager.close();
      }
    });

    it('counts only the sessions of its own application on a shared store', async () => {
      const store = new MemoryStore();
      const shop = managerFixture({ store, maxActiveSessions: 1, application: { name: 'shop' } });
      const blog = managerFixture({ store, maxActiveSessions: 1, application: { name: 'blog' } });
      await shop.storedSession();
      expect(await shop.manager.canCreate()).to.equal(false);
      expect(await blog.manager.canCreate()).to.equal(true);
      await blog.storedSession();
      expect(await store.count()).to.equal(2);
    });

    describe('over HTTP', () => {
      it('503 JSON for a new session at the cap; sessions that exist keep working; reading needs no slot', async () => {
        const harness = await startRuntime({ maxActiveSessions: 2 });
        try {
          const [ann, bob, eve] = [harness.client(), harness.client(), harness.client()];
          await ann.get('/services/js/session-info.js?set=user&value=ann');
          await bob.get('/services/js/session-info.js?set=user&value=bob');
          const refused = await eve.get('/services/js/session-info.js?set=user&value=eve');
          expect(refused.status).to.equal(503);
          expect(refused.json()).to.include({ status: 503, code: 'ERR_SESSION_LIMIT' });
          expect(refused.setCookies).to.deep.equal([]);
          const reader = await eve.get('/services/js/session-info.js');
          expect(reader.status).to.equal(200);
          expect(reader.json<Info>().isNew).to.equal(true);
          const annAgain = await ann.get('/services/js/session-info.js?set=visits&value=2');
          expect(annAgain.status).to.equal(200);
          expect(annAgain.json<Info>().attributes).to.deep.equal({ user: 'ann', visits: '2' });
          const relogin = await bob.get('/services/js/relogin.js?user=bobby');
          expect(relogin.status).to.equal(200);
          expect(bob.cookies.get('JSESSIONID')).to.equal(relogin.text);
          expect((await bob.get('/services/js/session-info.js')).json<Info>().attributes).to.deep.equal({
            user: 'bobby',
          });
          expect(await harness.runtime.sessions.store.count?.()).to.equal(2);
        } finally {
          await harness.close();
        }
      });

      it('a new client gets a session once the sessions at the cap have idled out, before any timed sweep', async () => {
        let now = 1_700_000_000_000;
        const harness = await startRuntime({
          clock: { now: () => now },
          maxActiveSessions: 1,
          maxInactiveInterval: 60,
        });
        try {
          await harness.client().get('/services/js/session-info.js?set=user&value=ann');
          const bob = harness.client();
          expect((await bob.get('/services/js/session-info.js?set=user&value=bob')).status).to.equal(503);
          now += 60_000;
          const admitted = await bob.get('/services/js/session-info.js?set=user&value=bob');
          expect(admitted.status).to.equal(200);
          expect((await bob.get('/services/js/session-info.js')).json<Info>().attributes).to.deep.equal({
            user: 'bob',
          });
        } finally {
          await harness.close();
        }
      });

      it('absoluteTimeout from createRuntime: the session ends however active it is', async () => {
        let now = 1_700_000_000_000;
        const harness = await startRuntime({ clock: { now: () => now }, absoluteTimeout: 120 });
        try {
          const client = harness.client();
          await client.get('/services/js/session-info.js?set=user&value=ann');
          now += 60_000;
          expect((await client.get('/services/js/session-info.js')).json<Info>().attributes).to.deep.equal({
            user: 'ann',
          });
          now += 60_000;
          expect((await client.get('/services/js/session-info.js')).json<Info>()).to.deep.include({
            isNew: true,
            attributes: {},
          });
        } finally {
          await harness.close();
        }
      });
    });
  });
});
