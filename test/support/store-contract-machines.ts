/**
 * The two machines the race parts of the store contract run on (store-contract-expiry-once.ts,
 * store-contract-end-once.ts, store-contract-follow.ts): machine A on a fresh store of the subject,
 * machine B on a peer of it (the same store in memory, a second connection to the same Redis), their
 * managers sharing one clock that moves only when a spec moves it. Stores and managers are made anew
 * for every spec and closed after it. Call inside a `describe`.
 */
import { expect } from 'chai';
import { defaultCookieOptions } from '../../main/session/cookie.js';
import type { SessionListener } from '../../main/session/listeners.js';
import { SessionManager, type SessionManagerOptions } from '../../main/session/manager.js';
import { RequestSession } from '../../main/session/request-session.js';
import type { SessionStore } from '../../main/session/store.js';
import type { StoreContractSubject } from './store-contract.js';

const START = 1_700_000_000_000;

export interface ContractMachines {
  /** The managers' clock, at `START` when a spec begins. */
  readonly clock: { now(): number; advance(ms: number): void };
  /** The store of machine `index` (0: machine A, 1: machine B). */
  store(index: 0 | 1): SessionStore;
  /** A manager on store `index` (idle timeout 60 s, no sweep timer) telling `listener`. */
  machine(index: 0 | 1, options?: SessionManagerOptions): SessionManager;
  /** A request of session `id` on `manager` (by `user`, if given), opened now: the session found and held. */
  request(manager: SessionManager, id: string, user?: string): Promise<RequestSession>;
  /** Moves the clock past every session's idle timeout (10 minutes) and sweeps every machine: what is left ends. */
  expireTheRest(): Promise<void>;
}

/** Two machines on `subject`'s stores, their managers telling `listener`. */
export function contractMachines(subject: StoreContractSubject, listener: SessionListener): ContractMachines {
  let now = START;
  let stores: SessionStore[] = [];
  let managers: SessionManager[] = [];
  beforeEach(async () => {
    now = START;
    managers = [];
    const store = await subject.create();
    stores = [store, await subject.peer(store)];
  });
  afterEach(async () => {
    for (const manager of managers) await manager.close();
    for (const store of stores.reverse()) await subject.dispose(store);
  });
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const store = (index: 0 | 1) => stores[index] as SessionStore;
  return {
    clock,
    store,
    machine(index, options = {}) {
      const manager = new SessionManager({
        store: store(index),
        clock,
        sweepInterval: 0,
        maxInactiveInterval: 60,
        listeners: [listener],
        ...options,
      });
      managers.push(manager);
      return manager;
    },
    async request(manager, id, user) {
      const opened = await RequestSession.open(manager, defaultCookieOptions, {
        requestedId: id,
        time: now,
        secure: false,
        user,
      });
      expect(opened.snapshot(), 'the request found its session').to.not.equal(undefined);
      // A user the session did not have sees the id the login gives it (login-rotation.ts).
      if (user === undefined) expect(opened.snapshot()?.id).to.equal(id);
      return opened;
    },
    async expireTheRest() {
      now += 600_000;
      for (const manager of managers) await manager.sweep();
    },
  };
}
