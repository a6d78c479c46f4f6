/**
 * A request's session on the memory store goes from store to sandbox and back without a promise
 * (the manager reads, creates and updates in the memory store at once: maybe-promise.ts); on a store that
 * answers only through the store contract's promises, the same steps wait for it. Both give the
 * same sessions, cookies and stored values.
 */
import { expect } from 'chai';
import type { SessionPatch, SessionRecord } from '../../../common/record.js';
import { isPromise, type MaybePromise } from '../../../common/maybe-promise.js';
import { defaultCookieOptions } from '../../../main/session/cookie.js';
import { SessionManager } from '../../../main/session/manager.js';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { RequestSession } from '../../../main/session/request-session.js';
import type { SessionStore } from '../../../main/session/store.js';

/** A memory store whose `get` an embedder overrode (to count reads): used through its methods. */
class CountingStore extends MemoryStore {
  reads = 0;
  override get(key: string): Promise<SessionRecord | undefined> {
    this.reads++;
    return super.get(key);
  }
}

/** A store that keeps its sessions in a memory store but answers only as the store contract says: later. */
class PromisingStore implements SessionStore {
  readonly #inner = new MemoryStore();
  get(key: string): Promise<SessionRecord | undefined> {
    return this.#inner.get(key);
  }
  create(record: SessionRecord): Promise<boolean> {
    return this.#inner.create(record);
  }
  update(key: string, patch: SessionPatch): Promise<boolean> {
    return this.#inner.update(key, patch);
  }
  /** As a store written before `destroy` reported what it removed: it resolves `undefined`. */
  async destroy(key: string): Promise<void> {
    await this.#inner.destroy(key);
  }
}

async function settled<T>(value: MaybePromise<T>): Promise<T> {
  return value;
}

for (const kind of ['memory', 'promising'] as const) {
  describe(`a request's session on a store that answers ${kind === 'memory' ? 'at once' : 'later'}`, () => {
    let now = 1_000_000;
    let manager: SessionManager;
    beforeEach(() => {
      now = 1_000_000;
      const store = kind === 'memory' ? new MemoryStore() : new PromisingStore();
      manager = new SessionManager({ clock: { now: () => now }, sweepInterval: 0, store });
    });
    afterEach(() => manager.close());

    it(`opens, reads and closes ${kind === 'memory' ? 'without' : 'through'} promises, with the same outcome`, async () => {
      const created = await manager.create();
      created.setAttribute('n', 1);
      await manager.commit(created);
      now += 1000;
      const request = { requestedId: created.getId(), time: now, secure: false };
      const opening = RequestSession.open(manager, defaultCookieOptions, request);
      expect(isPromise(opening)).to.equal(kind !== 'memory');
      const session = await settled(opening);
      expect(session.snapshot()?.attributes).to.deep.equal([['n', '1']]);
      // No session cap: nothing to count, so the settings come at once from either store.
      const settings = session.settings(null);
      expect(isPromise(settings)).to.equal(false);
      expect((await settled(settings)).canCreate).to.equal(true);
      const closing = session.close([{ op: 'access' }, { op: 'set', name: 'n', json: '2' }]);
      expect(isPromise(closing)).to.equal(kind !== 'memory');
      expect(await settled(closing)).to.deep.equal([]);
      const stored = await manager.find(created.getId());
      expect(stored?.getAttribute('n')).to.equal(2);
      expect(stored?.getLastAccessedTime()).to.equal(now);
    });

    it(`a new session is stored ${kind === 'memory' ? 'at once' : 'later'}; an invalidated one is removed; the cookies are the same`, async () => {
      const fresh = await settled(
        RequestSession.open(manager, defaultCookieOptions, { requestedId: undefined, time: now, secure: false }),
      );
      const id = 'A'.repeat(32);
      const creating = fresh.close([
        { op: 'create', id },
        { op: 'set', name: 'k', json: '"v"' },
      ]);
      expect(isPromise(creating)).to.equal(kind !== 'memory');
      const cookies = await settled(creating);
      expect(cookies[0]?.[1]).to.match(new RegExp(`^JSESSIONID=${id};`));
      const again = await settled(
        RequestSession.open(manager, defaultCookieOptions, { requestedId: id, time: now, secure: false }),
      );
      const cleared = await settled(again.close([{ op: 'invalidate' }]));
      expect(cleared[0]?.[1]).to.match(/^JSESSIONID=;/);
      expect(await manager.find(id)).to.equal(undefined);
    });
  });
}

describe('a memory store subclass that overrides get', () => {
  it('is read through its own get, with a promise', async () => {
    const store = new CountingStore();
    const manager = new SessionManager({ sweepInterval: 0, store });
    try {
      const created = await manager.create();
      await manager.commit(created);
      const found = manager.lookup(created.getId());
      expect(isPromise(found)).to.equal(true);
      expect((await found)?.getId()).to.equal(created.getId());
      expect(store.reads).to.equal(1);
    } finally {
      await manager.close();
    }
  });
});
