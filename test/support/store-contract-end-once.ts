/**
 * The part of the store contract that keeps every end and rotation of a session told once, as a
 * servlet container tells them, whoever ends or rotates it at the same moment: a script's
 * `invalidate()` while the other machine finds the session expired, an operator's kill racing a
 * request that invalidates, `invalidate()` and `changeSessionId()` in two requests of one session,
 * two rotations on two machines, a rotation racing expiry. A counting listener sees one
 * `sessionDestroyed` per session, one `sessionIdChanged` per rotation, and each bound value one
 * `valueUnbound`. Run by `describeStoreContract` for every store of this package.
 */
import { expect } from 'chai';
import { generateSessionId } from '../../common/ids.js';
import type { SessionManager } from '../../main/session/manager.js';
import type { SessionOp } from '../../common/snapshot.js';
import type { StoreContractSubject } from './store-contract.js';
import { contractMachines } from './store-contract-machines.js';

const INVALIDATE: SessionOp[] = [{ op: 'access' }, { op: 'invalidate' }];

export function describeEndOnceContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: a session ends once and rotates once per changeSessionId, whoever ends it`, () => {
    /** Every notice of every manager: `created`, `destroyed <id>`, `idChanged <old>`, `unbound <id>`. */
    let told: string[] = [];
    beforeEach(() => {
      told = [];
    });
    const { clock, store, machine, request, expireTheRest } = contractMachines(subject, {
      sessionCreated: (event) => void told.push(`created ${event.session.getId()}`),
      sessionDestroyed: (event) => void told.push(`destroyed ${event.session.getId()}`),
      sessionIdChanged: (_event, oldId) => void told.push(`idChanged ${oldId}`),
    });

    const count = (kind: string) => told.filter((line) => line.startsWith(`${kind} `)).length;

    /** A session stored through `manager` with a live bound value (kept by that machine). */
    async function storedSession(manager: SessionManager): Promise<string> {
      const session = await manager.create();
      const id = session.getId();
      session.setAttribute('cart', { valueUnbound: () => void told.push(`unbound ${id}`), items: 1 });
      expect(await manager.commit(session)).to.equal('saved');
      return id;
    }

    it("a script's invalidate() after the other machine's sweep found the session expired", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await storedSession(nodeA);
      const running = await request(nodeA, id);
      clock.advance(60_000);
      expect(await nodeB.sweep()).to.equal(1);
      await running.close(INVALIDATE);
      expect(told).to.have.members([`created ${id}`, `destroyed ${id}`, `unbound ${id}`]);
      expect(told).to.have.length(3);
    });

    for (const finder of ['lookup', 'sweep'] as const)
      it(`a script's invalidate() and the other machine's ${finder} finding it expired, at once`, async () => {
        const [nodeA, nodeB] = [machine(0), machine(1)];
        const id = await storedSession(nodeA);
        const running = await request(nodeA, id);
        clock.advance(60_000);
        await Promise.all([running.close(INVALIDATE), finder === 'lookup' ? nodeB.find(id) : nodeB.sweep()]);
        expect(count('destroyed')).to.equal(1);
        expect(count('unbound')).to.equal(1);
      });

    for (const where of ['the same machine', 'the other machine'] as const)
      it(`an operator's kill on ${where} racing a request that invalidates`, async () => {
        const nodeA = machine(0);
        const operator = where === 'the same machine' ? nodeA : machine(1);
        const id = await storedSession(nodeA);
        const running = await request(nodeA, id);
        const [killed] = await Promise.all([
          operator.admin.invalidate(id).then(
            () => 'killed',
            (error: { code?: string }) => error.code,
          ),
          running.close(INVALIDATE),
        ]);
        expect(killed).to.be.oneOf(['killed', 'ERR_SESSION_NOT_FOUND']);
        expect(count('destroyed')).to.equal(1);
        expect(count('unbound')).to.equal(1);
        expect(await nodeA.find(id)).to.equal(undefined);
      });

    for (const first of ['changeSessionId', 'invalidate'] as const)
      it(`invalidate() in one request while another request of the session changes its id (${first} committed first, no session lock)`, async () => {
        const [nodeA, nodeB] = [machine(0), machine(1)];
        const id = await storedSession(nodeA);
        const newId = generateSessionId();
        const [invalidating, rotating] = [await request(nodeA, id), await request(nodeB, id)];
        const changeId: SessionOp[] = [{ op: 'access' }, { op: 'changeId', id: newId }];
        if (first === 'changeSessionId') {
          await rotating.close(changeId);
          await invalidating.close(INVALIDATE);
        } else {
          await invalidating.close(INVALIDATE);
          await rotating.close(changeId);
        }
        await expireTheRest();
        expect(count('created')).to.equal(1);
        expect(count('idChanged')).to.equal(1);
        expect(count('destroyed')).to.equal(1);
        expect(count('unbound')).to.equal(1);
      });

    for (const where of ['the other machine', 'the same machine'] as const)
      it(`a request's invalidate() committed after a rotation on ${where} (no session lock) ends the session under its new id, told once`, async () => {
        const nodeA = machine(0);
        const nodeB = where === 'the same machine' ? nodeA : machine(1);
        const id = await storedSession(nodeA);
        const newId = generateSessionId();
        const [invalidating, rotating] = [await request(nodeA, id), await request(nodeB, id)];
        await rotating.close([{ op: 'access' }, { op: 'changeId', id: newId }]);
        await invalidating.close(INVALIDATE);
        if (store(0).movedTo === undefined) {
          // A store that keeps no forwarding (a custom store without movedTo): the invalidation finds
          // nothing, and the session goes on under its new id until it ends (docs/embedding.md).
          expect(await nodeB.find(newId)).to.not.equal(undefined);
        } else {
          expect(await nodeB.find(newId), 'the logout reached the session under its new id').to.equal(undefined);
          expect(told.filter((line) => line.startsWith('destroyed'))).to.deep.equal([`destroyed ${newId}`]);
          expect(count('unbound')).to.equal(1);
        }
        expect(count('idChanged')).to.equal(1);
        await expireTheRest();
        expect(count('destroyed')).to.equal(1);
        expect(count('unbound')).to.equal(1);
      });

    it("a request's invalidate() committed after two rotations follows both to the session", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await storedSession(nodeA);
      const [middleId, lastId] = [generateSessionId(), generateSessionId()];
      const invalidating = await request(nodeA, id);
      await (await request(nodeB, id)).close([{ op: 'access' }, { op: 'changeId', id: middleId }]);
      await (await request(nodeB, middleId)).close([{ op: 'access' }, { op: 'changeId', id: lastId }]);
      await invalidating.close(INVALIDATE);
      if (store(0).movedTo === undefined) return;
      expect(await nodeB.find(lastId)).to.equal(undefined);
      expect(told.filter((line) => line.startsWith('destroyed'))).to.deep.equal([`destroyed ${lastId}`]);
    });

    it('two changeSessionId() at once on two machines: one rotation each, one end', async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await storedSession(nodeA);
      const [onA, onB] = [await request(nodeA, id), await request(nodeB, id)];
      const [idA, idB] = [generateSessionId(), generateSessionId()];
      await Promise.all([
        onA.close([{ op: 'access' }, { op: 'changeId', id: idA }]),
        onB.close([{ op: 'access' }, { op: 'changeId', id: idB }]),
      ]);
      const live = [(await nodeA.find(idA)) !== undefined, (await nodeB.find(idB)) !== undefined];
      expect(live.filter(Boolean), 'one rename moved the session').to.have.length(1);
      await expireTheRest();
      expect(count('idChanged')).to.equal(2);
      expect(count('destroyed')).to.equal(1);
      expect(count('unbound')).to.equal(1);
    });

    for (const remover of ['invalidate()', "an operator's kill", 'a rotation'] as const)
      it(`a rotation whose session ${remover} on the other machine removed first sends no cookie`, async () => {
        const [nodeA, nodeB] = [machine(0), machine(1)];
        const id = await storedSession(nodeA);
        const [rotating, other] = [await request(nodeA, id), await request(nodeB, id)];
        const otherId = generateSessionId();
        if (remover === 'invalidate()') expect(await other.close(INVALIDATE)).to.have.length(1);
        else if (remover === 'a rotation')
          expect(await other.close([{ op: 'access' }, { op: 'changeId', id: otherId }])).to.have.length(1);
        else {
          other.release();
          await nodeB.admin.invalidate(id);
        }
        // The client holds whatever the other response set (a cleared cookie, the other rotation's
        // id): a cookie naming an id that was never stored would log it out of the rotated session.
        const headers = await rotating.close([{ op: 'access' }, { op: 'changeId', id: generateSessionId() }]);
        expect(headers, 'no Set-Cookie for an id that was never stored').to.deep.equal([]);
        if (remover === 'a rotation') expect(await nodeA.find(otherId)).to.not.equal(undefined);
      });

    for (const when of ['after', 'at once with'] as const)
      it(`changeSessionId() ${when} the other machine's sweep of the expired session`, async () => {
        const [nodeA, nodeB] = [machine(0), machine(1)];
        const id = await storedSession(nodeA);
        const running = await request(nodeA, id);
        clock.advance(60_000);
        const newId = generateSessionId();
        const rotate = () => running.close([{ op: 'access' }, { op: 'changeId', id: newId }]);
        if (when === 'after') await nodeB.sweep().then(rotate);
        else await Promise.all([rotate(), nodeB.sweep()]);
        await expireTheRest();
        expect(count('idChanged')).to.equal(1);
        expect(count('destroyed')).to.equal(1);
        // After the sweep, machine A's rename finds the session gone, and A unbinds its bound value.
        // At once, A's commit may land first, leaving a session expired by the clock that B's sweep
        // then ends: B cannot reach A's live value (docs/embedding.md, Binding listeners).
        if (when === 'after') expect(count('unbound'), "machine A's bound value leaves the session once").to.equal(1);
        else expect(count('unbound')).to.be.at.most(1);
      });
  });
}
