/**
 * The opt-in session lock (`sessionLock: true`): the requests of one session run one at a time,
 * each from loading the session to committing what its script changed, so concurrent requests
 * lose no update (without it, each request commits what it read at its start: the last write of
 * an attribute wins). A request waits at most `sessionLockWait` ms, then gets 503
 * `ERR_SESSION_LOCKED`. In memory the lock lives in this process; with Redis it is a key with a
 * lease (`redis/redis-lock.ts`), so a node that dies holding it cannot hold the session for ever.
 */
import { SessionLockedError } from '../../common/errors.js';

/** Locks sessions by id. */
export interface SessionLock {
  /** Resolves once the lock of session `id` is held, with the function that releases it; rejects with `ERR_SESSION_LOCKED` after `waitMs`. */
  acquire(id: string, waitMs: number): Promise<() => void>;
}

/** The lock for sessions kept in this process: a queue of waiters per session id. */
export class MemorySessionLock implements SessionLock {
  /** Per held id, the waiters in arrival order. */
  readonly #held = new Map<string, Array<() => void>>();

  acquire(id: string, waitMs: number): Promise<() => void> {
    const waiters = this.#held.get(id);
    if (waiters === undefined) {
      this.#held.set(id, []);
      return Promise.resolve(this.#releaser(id));
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.#releaser(id));
      };
      const timer = setTimeout(() => {
        const index = waiters.indexOf(grant);
        if (index >= 0) waiters.splice(index, 1);
        reject(new SessionLockedError(waitMs));
      }, waitMs);
      waiters.push(grant);
    });
  }

  /** Hands the lock to the next waiter, or frees it; calling it again does nothing. */
  #releaser(id: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#held.get(id)?.shift();
      if (next !== undefined) next();
      else this.#held.delete(id);
    };
  }
}
