/**
 * Chooses the session lock of a runtime (option `sessionLock`): none by default; a Redis lock with
 * a lease when the sessions are in a `RedisStore` (every node shares it); otherwise a lock in this
 * process.
 */
import { RedisSessionLock } from '../session/redis/redis-lock.js';
import { RedisStore } from '../session/redis/redis-store.js';
import type { SessionManager } from '../session/manager.js';
import type { SessionLocking } from '../session/request-session.js';
import { MemorySessionLock } from '../session/session-lock.js';
import type { ResolvedOptions } from './options.js';

/** How long past the deadline a Redis lock lease lasts: the supervisor's kill of a hung run fits in it. */
const LEASE_MARGIN_MS = 5000;

/** The lock and its wait limit, or `undefined` when `sessionLock` is off. */
export function createSessionLocking(settings: ResolvedOptions, sessions: SessionManager): SessionLocking | undefined {
  if (!settings.sessionLock) return undefined;
  const store = sessions.store;
  const lock =
    store instanceof RedisStore
      ? new RedisSessionLock(store.client, {
          keyPrefix: `${store.prefix}lock:${sessions.servletContext.name}:`,
          leaseMs: settings.deadline + LEASE_MARGIN_MS,
          commandTimeout: settings.storeTimeout,
        })
      : new MemorySessionLock();
  return { lock, waitMs: settings.sessionLockWait };
}

/** `locking` with its wait cut to `maxWaitMs` (a session loaded during a run waits no longer than the run may). */
export function lockingWithin(locking: SessionLocking | undefined, maxWaitMs: number): SessionLocking | undefined {
  if (locking === undefined || maxWaitMs >= locking.waitMs) return locking;
  return { lock: locking.lock, waitMs: maxWaitMs };
}
