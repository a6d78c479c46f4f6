/**
 * The part of the store contract that keeps an expiry told once: a session found expired at the
 * same time by two lookups, a lookup and a sweep, or two sweeps (of one machine or of two) ends
 * once, its `sessionDestroyed` listeners and its bound values told by whoever removed it, as a
 * servlet container tells them. It needs a store whose `destroy` reports whether it removed the
 * session (store.ts); run by `describeStoreContract` for every store of this package.
 */
import { expect } from 'chai';
import type { SessionManager } from '../../main/session/manager.js';
import type { StoreContractSubject } from './store-contract.js';
import { contractMachines } from './store-contract-machines.js';

/** Lets `count` turns of the microtask queue pass, so a call starts at another point of one under way. */
async function microtasks(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await Promise.resolve();
}

export function describeExpiryOnceContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: an expired session is destroyed once, whoever finds it`, () => {
    /** Every `sessionDestroyed` of every manager, and every `valueUnbound`, by session id. */
    let destroyed: string[] = [];
    let unbound: string[] = [];
    beforeEach(() => {
      destroyed = [];
      unbound = [];
    });
    const { clock, machine } = contractMachines(subject, {
      sessionDestroyed: (event) => void destroyed.push(event.session.getId()),
    });

    /** A session stored through `manager` with a bound value, expired by the clock (moved on 60 s). */
    async function expiredSession(manager: SessionManager): Promise<string> {
      const session = await manager.create();
      const id = session.getId();
      session.setAttribute('cart', { valueUnbound: () => void unbound.push(id), items: 1 });
      expect(await manager.commit(session)).to.equal('saved');
      clock.advance(60_000);
      return id;
    }

    it('two machines finding it at once', async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await expiredSession(nodeA);
      expect(await Promise.all([nodeA.find(id), nodeB.find(id)])).to.deep.equal([undefined, undefined]);
      expect(destroyed).to.deep.equal([id]);
    });

    it("a lookup on one machine and the other's sweep at once", async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await expiredSession(nodeA);
      const [found, swept] = await Promise.all([nodeA.find(id), nodeB.sweep()]);
      expect(found).to.equal(undefined);
      expect(swept).to.be.at.most(1);
      expect(destroyed).to.deep.equal([id]);
      expect(unbound).to.deep.equal([id]);
    });

    it('both machines sweeping at once: one sweep removes it', async () => {
      const [nodeA, nodeB] = [machine(0), machine(1)];
      const id = await expiredSession(nodeA);
      const swept = await Promise.all([nodeA.sweep(), nodeB.sweep()]);
      expect(swept[0] + swept[1]).to.equal(1);
      expect(destroyed).to.deep.equal([id]);
      // The live value is in machine A's memory: told once when A's sweep removed the session, or
      // found it removed by B's; B alone cannot reach it (bound-values.ts). Which sweep wins is the race's.
      if (swept[0] === 1) expect(unbound).to.deep.equal([id]);
      else expect(unbound.length === 0 || (unbound.length === 1 && unbound[0] === id), String(unbound)).to.equal(true);
    });

    it("a lookup arriving at any point of its own machine's sweep", async () => {
      const node = machine(0);
      for (let offset = 0; offset < 16; offset++) {
        const id = await expiredSession(node);
        const [swept, found] = await Promise.all([node.sweep(), microtasks(offset).then(() => node.find(id))]);
        expect(found, `offset ${offset}`).to.equal(undefined);
        expect(swept, `offset ${offset}`).to.be.at.most(1);
        expect(destroyed, `offset ${offset}`).to.deep.equal([id]);
        expect(unbound, `offset ${offset}`).to.deep.equal([id]);
        destroyed = [];
        unbound = [];
      }
    });

    it("a lookup on one machine and the other's sweep for room at the session cap", async () => {
      const nodeA = machine(0, { maxActiveSessions: 1 });
      const nodeB = machine(1, { maxActiveSessions: 1 });
      const id = await expiredSession(nodeA);
      // Whether B then has room depends on which machine removed it first; either way it ends once.
      const [found] = await Promise.all([nodeA.find(id), nodeB.canCreate()]);
      expect(found).to.equal(undefined);
      expect(destroyed).to.deep.equal([id]);
      expect(unbound).to.deep.equal([id]);
    });
  });
}
