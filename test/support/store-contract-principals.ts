/**
 * The operators' part of the store contract: the principal index (setPrincipal, findByPrincipal)
 * and pages of sessions (list), never listing a session that is gone. Run by
 * `describeStoreContract` for every store (memory, Redis, a Redis Cluster).
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../common/record.js';
import { SessionManager } from '../../main/session/manager.js';
import { sessionIdHash } from '../../main/session/session-admin.js';
import type { SessionStore } from '../../main/session/store.js';
import { newId, record } from './store-contract-core.js';
import type { StoreContractSubject } from './store-contract.js';

type OperatorStore = Required<Pick<SessionStore, 'setPrincipal' | 'findByPrincipal' | 'list'>> & SessionStore;

export function describePrincipalContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: store contract (principal index, listing)`, () => {
    let store: OperatorStore;
    beforeEach(async () => {
      store = (await subject.create()) as OperatorStore;
    });
    afterEach(() => subject.dispose(store));

    async function stored(id: string, principal?: string): Promise<string> {
      expect(await store.create(record([['a', 1]], { id }))).to.equal(true);
      if (principal !== undefined) expect(await store.setPrincipal(id, principal, undefined)).to.equal(true);
      return id;
    }

    it('finds the sessions of a principal, within one application, and reads the principal back', async () => {
      const [a1, a2, b1, other] = [`shop:${newId()}`, `shop:${newId()}`, `shop:${newId()}`, `blog:${newId()}`];
      await stored(a1, 'alice');
      await stored(a2, 'alice');
      await stored(b1, 'bob');
      await stored(other, 'alice');
      expect((await store.findByPrincipal('shop:', 'alice')).sort()).to.deep.equal([a1, a2].sort());
      expect(await store.findByPrincipal('shop:', 'bob')).to.deep.equal([b1]);
      expect(await store.findByPrincipal('blog:', 'alice')).to.deep.equal([other]);
      expect(await store.findByPrincipal('shop:', 'carol')).to.deep.equal([]);
      expect((await store.get(a1))?.principal).to.equal('alice');
    });

    it('never lists a session that is gone, nor one that changed hands or lost its principal', async () => {
      const [gone, moved, cleared, kept] = [newId(), newId(), newId(), newId()].map((id) => `shop:${id}`);
      for (const id of [gone, moved, cleared, kept]) await stored(id as string, 'alice');
      await store.destroy(gone as string);
      expect(await store.setPrincipal(moved as string, 'bob', 'alice')).to.equal(true);
      expect(await store.setPrincipal(cleared as string, undefined, 'alice')).to.equal(true);
      expect(await store.findByPrincipal('shop:', 'alice')).to.deep.equal([kept]);
      expect(await store.findByPrincipal('shop:', 'bob')).to.deep.equal([moved]);
      expect((await store.get(cleared as string))?.principal).to.equal(undefined);
    });

    it('records nothing for a session that does not exist (a principal never brings a session back)', async () => {
      const id = `shop:${newId()}`;
      expect(await store.setPrincipal(id, 'alice', undefined)).to.equal(false);
      expect(await store.get(id)).to.equal(undefined);
      expect(await store.findByPrincipal('shop:', 'alice')).to.deep.equal([]);
    });

    it('keeps the principal through other writes and a rename', async () => {
      const id = await stored(`shop:${newId()}`, 'alice');
      expect(await store.update(id, { set: [['b', '2']], removed: [], lastAccessedTime: 5 })).to.equal(true);
      expect((await store.get(id))?.principal).to.equal('alice');
      const renamed = `shop:${newId()}`;
      expect(await store.rename?.(id, renamed)).to.not.equal(false);
      expect(await store.setPrincipal(renamed, 'alice', 'alice')).to.equal(true);
      expect(await store.findByPrincipal('shop:', 'alice')).to.deep.equal([renamed]);
    });

    it('indexes the sessions the host makes and commits (runtime.sessions.create/commit) by their principal attribute', async () => {
      const manager = new SessionManager({ store, sweepInterval: 0, principalAttribute: 'user' });
      const admin = manager.admin;
      const whose = async (principal: string) => (await admin.find(principal)).map((found) => found.idHash);
      const session = await manager.create();
      session.setAttribute('user', 'alice');
      expect(await manager.commit(session)).to.equal('saved');
      expect(await whose('alice')).to.deep.equal([sessionIdHash(session.getId())]);
      expect(await manager.commit(session)).to.equal('unchanged');
      expect(await whose('alice')).to.deep.equal([sessionIdHash(session.getId())]);
      // A session found by the host changes hands, then gets a new id.
      const found = (await manager.find(session.getId())) as NonNullable<Awaited<ReturnType<typeof manager.find>>>;
      found.setAttribute('user', 'bob');
      found.changeSessionId();
      expect(await manager.commit(found)).to.equal('saved');
      expect(await whose('alice')).to.deep.equal([]);
      expect(await whose('bob')).to.deep.equal([sessionIdHash(found.getId())]);
      found.removeAttribute('user');
      expect(await manager.commit(found)).to.equal('saved');
      expect(await whose('bob')).to.deep.equal([]);
      // Without a principal attribute a host session has no principal: nothing to index.
      const anonymous = await manager.create();
      anonymous.setAttribute('cart', ['apple']);
      expect(await manager.commit(anonymous)).to.equal('saved');
      expect((await store.get(manager.storeKey(anonymous.getId())))?.principal).to.equal(undefined);
    });

    it('lists every session of an application page by page, at most limit a page, with its principal', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 25; i++) ids.add(await stored(`shop:${newId()}`, i === 0 ? 'alice' : undefined));
      await stored(`blog:${newId()}`);
      const seen: SessionRecord[] = [];
      let cursor = '';
      let pages = 0;
      do {
        const page = await store.list('shop:', cursor, 10);
        expect(page.records.length).to.be.at.most(10);
        // Operators pass cursors around: one never shows a session id (a bearer secret).
        for (const id of ids) expect(page.cursor).to.not.include(id.slice('shop:'.length));
        seen.push(...page.records);
        cursor = page.cursor;
        pages++;
      } while (cursor !== '' && pages < 100);
      // Every session; Redis's SCAN may return one twice when its table grows meanwhile.
      expect(new Set(seen.map((entry) => entry.id))).to.deep.equal(ids);
      expect(new Set(seen.filter((entry) => entry.principal === 'alice').map((entry) => entry.id)).size).to.equal(1);
      expect(seen[0]).to.deep.include({ maxInactiveInterval: 1800, attributes: [['a', '1']] });
    });
  });
}
