/**
 * The part of the store contract seen through the `SessionManager`: strict ids, expiry on an
 * injected clock, invalidation, id rotation, and two machines (two managers, each with its own
 * store handle) racing on one session. Run by `describeStoreContract` for every store.
 */
import { expect } from 'chai';
import { generateSessionId } from '../../common/ids.js';
import { SessionManager } from '../../main/session/manager.js';
import type { SessionStore } from '../../main/session/store.js';
import type { StoreContractSubject } from './store-contract.js';

const START = 1_700_000_000_000;

export function describeManagerContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: store contract through the SessionManager`, () => {
    let now = START;
    const clock = { now: () => now };
    let stores: SessionStore[];
    /** Machine A and machine B: one manager each, on the same sessions. */
    let nodeA: SessionManager;
    let nodeB: SessionManager;

    beforeEach(async () => {
      now = START;
      const store = await subject.create();
      stores = [store, await subject.peer(store)];
      nodeA = new SessionManager({ store, clock, sweepInterval: 0, maxInactiveInterval: 60 });
      nodeB = new SessionManager({
        store: stores[1] as SessionStore,
        clock,
        sweepInterval: 0,
        maxInactiveInterval: 60,
      });
    });
    afterEach(async () => {
      for (const store of stores.reverse()) await subject.dispose(store);
    });

    /** What the store holds for session `id` (the manager keys it `<application>:<id>`). */
    const storedRecord = (id: string) => nodeA.store.get(nodeA.storeKey(id));

    async function stored(attributes: Record<string, unknown> = {}, maxInactiveInterval?: number): Promise<string> {
      const session = await nodeA.create();
      for (const [name, value] of Object.entries(attributes)) session.setAttribute(name, value);
      if (maxInactiveInterval !== undefined) session.setMaxInactiveInterval(maxInactiveInterval);
      expect(await nodeA.commit(session)).to.equal('saved');
      return session.getId();
    }

    describe('strict ids', () => {
      it('never adopts an id it did not issue: unknown and malformed ids find nothing and store nothing', async () => {
        const unknown = generateSessionId();
        expect(await nodeA.find(unknown)).to.equal(undefined);
        expect(await nodeA.find('not-an-id')).to.equal(undefined);
        expect(await nodeA.find(undefined)).to.equal(undefined);
        expect(await storedRecord(unknown)).to.equal(undefined);
      });

      it('a session created on one machine is found on the other, no longer new', async () => {
        const id = await stored({ color: 'blue' });
        const found = await nodeB.find(id);
        expect(found?.getAttribute('color')).to.equal('blue');
        expect(found?.isNew()).to.equal(false);
      });
    });

    describe('expiry (injected clock)', () => {
      it('is found one millisecond before its max inactive interval and gone (and removed) at it', async () => {
        const id = await stored({ a: 1 });
        now = START + 60_000 - 1;
        expect(await nodeB.find(id)).to.not.equal(undefined);
        now = START + 60_000;
        expect(await nodeB.find(id)).to.equal(undefined);
        expect(await storedRecord(id)).to.equal(undefined);
      });

      it('an access renews it', async () => {
        const id = await stored();
        now = START + 50_000;
        const session = await nodeB.find(id);
        session?.access(now);
        if (session !== undefined) await nodeB.commit(session);
        now = START + 100_000;
        expect((await nodeA.find(id))?.getLastAccessedTime()).to.equal(START + 50_000);
      });

      it('a session with an interval <= 0 never expires', async () => {
        const id = await stored({}, 0);
        now = START + 365 * 24 * 3600_000;
        expect(await nodeB.find(id)).to.not.equal(undefined);
      });

      it('a session in use by a request does not expire under it', async () => {
        const id = await stored();
        nodeA.acquire(id);
        now = START + 120_000;
        expect(await nodeA.find(id)).to.not.equal(undefined);
        nodeA.release(id);
        expect(await nodeA.find(id)).to.equal(undefined);
      });

      it('the sweep removes expired sessions only', async () => {
        const short = await stored({}, 10);
        const long = await stored({}, 1000);
        now = START + 10_000;
        expect(await nodeA.sweep()).to.equal(1);
        expect(await storedRecord(short)).to.equal(undefined);
        expect(await storedRecord(long)).to.not.equal(undefined);
      });
    });

    describe('id rotation (changeSessionId)', () => {
      it('moves the session to a new id: the other machine finds it there with its attributes, and not under the old id', async () => {
        const oldId = await stored({ cart: ['apple'] });
        const session = await nodeA.find(oldId);
        const newId = session?.changeSessionId() ?? '';
        session?.setAttribute('after', true);
        if (session !== undefined) expect(await nodeA.commit(session)).to.equal('saved');
        expect(await nodeB.find(oldId)).to.equal(undefined);
        const moved = await nodeB.find(newId);
        expect(moved?.getAttributeNames()).to.deep.equal(['cart', 'after']);
        expect(moved?.getAttribute('cart')).to.deep.equal(['apple']);
      });

      it('a rotation racing an invalidation on the other machine does not bring the session back', async () => {
        const oldId = await stored({ a: 1 });
        const rotating = await nodeA.find(oldId);
        const invalidating = await nodeB.find(oldId);
        invalidating?.invalidate();
        if (invalidating !== undefined) await nodeB.commit(invalidating);
        const newId = rotating?.changeSessionId() ?? '';
        if (rotating !== undefined) expect(await nodeA.commit(rotating)).to.equal('gone');
        expect(await storedRecord(oldId)).to.equal(undefined);
        expect(await storedRecord(newId)).to.equal(undefined);
      });
    });

    describe('invalidation and races between machines', () => {
      it('invalidating on one machine removes the session for the other', async () => {
        const id = await stored({ a: 1 });
        const session = await nodeA.find(id);
        session?.invalidate();
        if (session !== undefined) expect(await nodeA.commit(session)).to.equal('destroyed');
        expect(await nodeB.find(id)).to.equal(undefined);
      });

      it('a request still running when another machine invalidates does not bring the session back', async () => {
        const id = await stored({ a: 1 });
        const running = await nodeA.find(id);
        const other = await nodeB.find(id);
        other?.invalidate();
        if (other !== undefined) await nodeB.commit(other);
        running?.access(now + 1);
        running?.setAttribute('late', 'write');
        if (running !== undefined) expect(await nodeA.commit(running)).to.equal('gone');
        expect(await storedRecord(id)).to.equal(undefined);
        expect(await nodeB.find(id)).to.equal(undefined);
      });

      it('two requests of one session on two machines changing different attributes both keep their change', async () => {
        const id = await stored({ a: 1 });
        const onA = await nodeA.find(id);
        const onB = await nodeB.find(id);
        onA?.setAttribute('x', 'from A');
        onB?.setAttribute('y', 'from B');
        onB?.removeAttribute('a');
        if (onA === undefined || onB === undefined) throw new Error('session not found');
        expect(await Promise.all([nodeA.commit(onA), nodeB.commit(onB)])).to.deep.equal(['saved', 'saved']);
        const merged = await nodeA.find(id);
        if (subject.wholeSessionWrites) {
          // The last whole-session write wins (documented for express-session stores).
          expect([['a', 'x'], ['y']]).to.deep.include(merged?.getAttributeNames().sort());
          return;
        }
        expect(merged?.getAttributeNames().sort()).to.deep.equal(['x', 'y']);
        expect(merged?.getAttribute('x')).to.equal('from A');
        expect(merged?.getAttribute('y')).to.equal('from B');
      });
    });
  });
}
