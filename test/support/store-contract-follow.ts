/**
 * The part of the store contract that keeps a request's session writes when another request of the
 * session rotated it meanwhile (no `sessionLock`): request A loads session X, request B (a login in
 * another tab) moves it to Y and commits, then A commits its changes. A servlet container applies
 * A's writes to the one session object; here A's commit follows the store's forwarding
 * (`SessionStore.movedTo`) and applies its per-attribute changes to the session under Y, never
 * bringing back one that ended after the rotation, with every notice told once. A store that keeps
 * no forwarding (a custom store without `movedTo`) loses A's writes, as docs/embedding.md says. Run
 * by `describeStoreContract` for every store of this package, and for the express-session adapter.
 */
import { expect } from 'chai';
import { generateSessionId } from '../../common/ids.js';
import type { HttpSessionBindingEvent } from '../../main/session/listeners.js';
import type { SessionManager } from '../../main/session/manager.js';
import type { SessionOp } from '../../common/snapshot.js';
import type { StoreContractSubject } from './store-contract.js';
import { contractMachines } from './store-contract-machines.js';

/** A script's `setAttribute(name, value)`, as the sandbox reports it. */
const set = (name: string, value: unknown): SessionOp => ({ op: 'set', name, json: JSON.stringify(value) });

export function describeFollowContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: a request's session writes follow a rotation committed before them`, () => {
    /** Every notice of every manager: `destroyed <id>`, `idChanged <old>`, `unbound <id>`. */
    let told: string[] = [];
    beforeEach(() => {
      told = [];
    });
    const { clock, store, machine, request, expireTheRest } = contractMachines(subject, {
      sessionDestroyed: (event) => void told.push(`destroyed ${event.session.getId()}`),
      sessionIdChanged: (_event, oldId) => void told.push(`idChanged ${oldId}`),
    });

    const count = (kind: string) => told.filter((line) => line.startsWith(`${kind} `)).length;
    /** True when the store forwards a rotated session's old key (`movedTo`): A's writes can follow. */
    const forwards = () => store(0).movedTo !== undefined;

    /** A session stored through `manager` with `theme` and `step` set and a live bound value (kept by that machine). */
    async function storedSession(manager: SessionManager): Promise<string> {
      const session = await manager.create();
      const id = session.getId();
      session.setAttribute('theme', 'dark');
      session.setAttribute('step', 1);
      session.setAttribute('cart', {
        valueUnbound: (event: HttpSessionBindingEvent) => void told.push(`unbound ${event.session.getId()}`),
        items: 1,
      });
      expect(await manager.commit(session)).to.equal('saved');
      return id;
    }

    /** The attributes stored for session `id`, as data. */
    async function attributesOf(manager: SessionManager, id: string): Promise<Record<string, unknown> | undefined> {
      const session = await manager.find(id);
      if (session === undefined) return undefined;
      return Object.fromEntries(session.getAttributeNames().map((name) => [name, session.getAttribute(name)]));
    }

    for (const where of ['the other machine', 'the same machine'] as const)
      it(`a request's writes committed after a login's rotation on ${where} reach the session under its new id, beside the login's`, async () => {
        const nodeA = machine(0);
        const nodeB = where === 'the same machine' ? nodeA : machine(1);
        const id = await storedSession(nodeA);
        const newId = generateSessionId();
        const [writing, login] = [await request(nodeA, id), await request(nodeB, id)];
        const loginHeaders = await login.close([{ op: 'access' }, set('user', 'ann'), { op: 'changeId', id: newId }]);
        expect(loginHeaders, "the login's response sets the new id").to.have.length(1);
        const headers = await writing.close([
          { op: 'access' },
          set('step', 2),
          { op: 'remove', name: 'theme' },
          { op: 'maxInactiveInterval', seconds: 300 },
        ]);
        expect(headers, 'no Set-Cookie: the login response carries the new id').to.deep.equal([]);
        expect(await nodeB.find(id), 'the old id finds nothing').to.equal(undefined);
        if (!forwards()) {
          // No forwarding (a custom store without movedTo): A's writes find nothing (docs/embedding.md).
          expect(await attributesOf(nodeB, newId)).to.deep.include({ user: 'ann', step: 1, theme: 'dark' });
          return;
        }
        const attributes = await attributesOf(nodeB, newId);
        expect(attributes, "A's changes and B's login, each attribute by whoever wrote it").to.deep.equal({
          step: 2,
          cart: { items: 1 },
          user: 'ann',
        });
        expect((await nodeB.find(newId))?.getMaxInactiveInterval()).to.equal(300);
        clock.advance(120_000);
        expect(await nodeB.find(newId), "A's longer interval holds on the new id").to.not.equal(undefined);
        expect(count('idChanged')).to.equal(1);
        expect(count('destroyed')).to.equal(0);
        await expireTheRest();
        expect(told.filter((line) => !line.startsWith('idChanged'))).to.deep.equal([
          `destroyed ${newId}`,
          `unbound ${newId}`,
        ]);
      });

    it("a request's writes follow two rotations to the session", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await storedSession(nodeA);
      const [middleId, lastId] = [generateSessionId(), generateSessionId()];
      const writing = await request(nodeA, id);
      await (await request(nodeB, id)).close([{ op: 'access' }, { op: 'changeId', id: middleId }]);
      await (await request(nodeB, middleId)).close([{ op: 'access' }, { op: 'changeId', id: lastId }]);
      expect(await writing.close([{ op: 'access' }, set('step', 3)])).to.deep.equal([]);
      if (!forwards()) return;
      expect((await attributesOf(nodeB, lastId))?.step).to.equal(3);
      expect(count('idChanged')).to.equal(2);
    });

    it("a request's writes follow the rotation that won of two at once on two machines", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await storedSession(nodeA);
      const writing = await request(nodeA, id);
      const [onA, onB] = [await request(nodeA, id), await request(nodeB, id)];
      const [idA, idB] = [generateSessionId(), generateSessionId()];
      await Promise.all([
        onA.close([{ op: 'access' }, { op: 'changeId', id: idA }]),
        onB.close([{ op: 'access' }, { op: 'changeId', id: idB }]),
      ]);
      const winner = (await nodeA.find(idA)) !== undefined ? idA : idB;
      expect(await writing.close([{ op: 'access' }, set('step', 5)])).to.deep.equal([]);
      if (!forwards()) return;
      // The losing rotation takes back its copy and the forwarding naming it, never the winner's.
      expect((await attributesOf(nodeB, winner))?.step).to.equal(5);
    });

    it("a host's commit follows too: 'saved', and its session object takes the new id, sessionIdChanged not told again", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await storedSession(nodeA);
      const newId = generateSessionId();
      const session = await nodeA.find(id);
      await (await request(nodeB, id)).close([{ op: 'access' }, { op: 'changeId', id: newId }]);
      session?.setAttribute('step', 4);
      const result = await nodeA.commit(session as never);
      if (!forwards()) {
        expect(result).to.equal('gone');
        return;
      }
      expect(result).to.equal('saved');
      expect(session?.getId()).to.equal(newId);
      expect(session?.isValid()).to.equal(true);
      session?.setAttribute('step', 5);
      expect(await nodeA.commit(session as never), 'the next commit goes to the new id').to.equal('saved');
      expect((await attributesOf(nodeB, newId))?.step).to.equal(5);
      expect(count('idChanged')).to.equal(1);
    });

    it("the login's principal stays: the request that follows it records none it did not change", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const stored = await storedSession(nodeA);
      // Ann's first request gives the session her principal (and, where the store records
      // principals, a new id: login-rotation.ts).
      const annLogin = await request(nodeA, stored, 'ann');
      const id = annLogin.snapshot()?.id as string;
      await annLogin.close([{ op: 'access' }]);
      const newId = generateSessionId();
      const writing = await request(nodeA, id);
      await (await request(nodeB, id, 'bob')).close([{ op: 'access' }, { op: 'changeId', id: newId }]);
      await writing.close([{ op: 'access' }, set('step', 7)]);
      if (!forwards() || store(0).setPrincipal === undefined) return;
      expect((await attributesOf(nodeB, newId))?.step).to.equal(7);
      expect((await nodeB.store.get(nodeB.storeKey(newId)))?.principal).to.equal('bob');
    });

    for (const ender of ['a logout on the other machine', 'an operator', 'expiry'] as const)
      it(`a session ${ender} ended after the rotation stays gone: the request's writes are 'gone', told once`, async () => {
        const [nodeA, nodeB] = [machine(0), machine(1)];
        const id = await storedSession(nodeA);
        const newId = generateSessionId();
        const writing = await request(nodeA, id);
        await (await request(nodeB, id)).close([{ op: 'access' }, { op: 'changeId', id: newId }]);
        if (ender === 'a logout on the other machine')
          await (await request(nodeB, newId)).close([{ op: 'access' }, { op: 'invalidate' }]);
        else if (ender === 'an operator') await nodeB.admin.invalidate(newId);
        else clock.advance(60_000);
        const headers = await writing.close([
          { op: 'access' },
          set('step', 6),
          { op: 'maxInactiveInterval', seconds: 0 },
        ]);
        expect(headers, 'no Set-Cookie for a session that ended').to.deep.equal([]);
        // A's interval of 0 (never expires) must not have brought the session back.
        expect(await nodeB.find(newId), 'nothing brought back under the new id').to.equal(undefined);
        expect(await nodeB.find(id), 'nor under the old one').to.equal(undefined);
        await expireTheRest();
        expect(count('destroyed')).to.equal(1);
        expect(count('idChanged')).to.equal(1);
        expect(count('unbound')).to.be.at.most(1);
      });
  });
}
