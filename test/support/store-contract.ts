/**
 * The session store contract, written once and run against every store (memory, Redis, a Redis
 * Cluster) so they keep the same semantics. A store's spec calls `describeStoreContract` with a
 * subject that makes fresh, empty stores:
 * - core: get / create / update (partial writes) / destroy, never bringing a session back;
 * - keys: rename (id rotation), count by prefix, expiredIds with an absolute timeout;
 * - through the SessionManager: strict ids, expiry on an injected clock, invalidation, id
 *   rotation, and two machines racing on one session;
 * - expiry told once: two lookups, a lookup and a sweep, or two sweeps finding one expired session;
 * - every end told once, every rotation once: invalidation, an operator's kill, expiry on the other
 *   machine and `changeSessionId` racing one another;
 * - a request's writes committed after another request rotated the session follow it to its new id;
 * - operators: the principal index and pages of sessions.
 */
import type { SessionStore } from '../../main/session/store.js';
import { describeCoreContract } from './store-contract-core.js';
import { describeEndOnceContract } from './store-contract-end-once.js';
import { describeExpiryOnceContract } from './store-contract-expiry-once.js';
import { describeFollowContract } from './store-contract-follow.js';
import { describeKeyContract } from './store-contract-keys.js';
import { describeManagerContract } from './store-contract-manager.js';
import { describePrincipalContract } from './store-contract-principals.js';

export interface StoreContractSubject {
  /** A fresh, empty store. */
  create(): Promise<SessionStore>;
  /**
   * Another handle on the same sessions, as a second machine would have (for a Redis store: a
   * second store with its own connection; for a memory store: the store itself).
   */
  peer(store: SessionStore): Promise<SessionStore>;
  /** Releases a store made by `create` or `peer`. */
  dispose(store: SessionStore): Promise<void>;
  /**
   * True for a store that writes whole sessions (an express-session store through its adapter):
   * of two concurrent writes of one session, the last wins, as its docs say. Default false.
   */
  wholeSessionWrites?: boolean;
}

/** Defines the contract's describe blocks for one store. */
export function describeStoreContract(name: string, subject: StoreContractSubject): void {
  describeCoreContract(name, subject);
  describeKeyContract(name, subject);
  describeManagerContract(name, subject);
  describeExpiryOnceContract(name, subject);
  describeEndOnceContract(name, subject);
  describeFollowContract(name, subject);
  describePrincipalContract(name, subject);
}
