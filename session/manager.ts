/**
 * The session manager: finds sessions by id (strict: only ids it issued and that still exist),
 * creates them, writes back what a request changed, expires idle sessions on lookup and by a
 * periodic sweep, and enforces the optional cap on active sessions.
 */
import { type Clock, systemClock } from './clock.js';
import { CodedError, InvalidOptionError, SessionLimitError, StoreUnavailableError } from './errors.js';
import { HttpSession } from './http-session.js';
import { generateSessionId, isWellFormedSessionId } from './ids.js';
import { MemoryStore } from './memory-store.js';
import { isExpired } from './record.js';
import type { SessionStore } from './store.js';

export interface SessionManagerOptions {
  /** Where sessions live. Default: a new `MemoryStore`. */
  store?: SessionStore;
  /** Time source. Default: the system clock. */
  clock?: Clock;
  /** Idle timeout of new sessions in seconds; `<= 0` never expires. Default 1800. */
  maxInactiveInterval?: number;
  /** Most sessions that may exist at once; creating one more fails with `ERR_SESSION_LIMIT`. Default: no limit. */
  maxActiveSessions?: number;
  /** Milliseconds between sweeps for expired sessions; 0 disables the timer. Default 60000. */
  sweepInterval?: number;
}

/** The result of writing back a session. */
export type CommitResult = 'saved' | 'unchanged' | 'destroyed' | 'gone';

export class SessionManager {
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly maxInactiveInterval: number;
  readonly maxActiveSessions: number | undefined;
  readonly #inUse = new Map<string, number>();
  #sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: SessionManagerOptions = {}) {
    const { store = new MemoryStore(), clock = systemClock, maxInactiveInterval = 1800, sweepInterval = 60_000 } = options;
    if (!Number.isFinite(maxInactiveInterval)) throw new InvalidOptionError('maxInactiveInterval', 'must be a number of seconds');
    if (options.maxActiveSessions !== undefined && !(Number.isInteger(options.maxActiveSessions) && options.maxActiveSessions > 0)) {
      throw new InvalidOptionError('maxActiveSessions', 'must be a whole number > 0');
    }
    if (!(Number.isInteger(sweepInterval) && sweepInterval >= 0)) throw new InvalidOptionError('sweepInterval', 'must be a whole number of ms >= 0');
    this.store = store;
    this.clock = clock;
    this.maxInactiveInterval = Math.trunc(maxInactiveInterval);
    this.maxActiveSessions = options.maxActiveSessions;
    if (sweepInterval > 0) {
      this.#sweepTimer = setInterval(() => void this.sweep().catch(() => undefined), sweepInterval);
      this.#sweepTimer.unref();
    }
  }

  /**
   * The live session with this id, or `undefined` when the id is malformed, unknown, invalidated
   * or expired (an expired session is removed here). Never adopts an id it did not issue.
   */
  async find(id: string | undefined): Promise<HttpSession | undefined> {
    if (!isWellFormedSessionId(id)) return undefined;
    const record = await this.#call(() => this.store.get(id));
    if (record === undefined) return undefined;
    if (isExpired(record, this.clock.now()) && !this.#inUse.has(id)) {
      await this.#call(() => this.store.destroy(id));
      return undefined;
    }
    // Servlet rule: the client returned the session's id, so it has joined the session.
    return new HttpSession({ ...record, isNew: false }, false);
  }

  /** True when one more session may be created under `maxActiveSessions`. */
  async canCreate(): Promise<boolean> {
    if (this.maxActiveSessions === undefined) return true;
    const count = this.store.count;
    if (count === undefined) return true;
    return (await this.#call(() => count.call(this.store))) < this.maxActiveSessions;
  }

  /**
   * A new session, not stored until `commit`. `id` may be one generated elsewhere by
   * `generateSessionId` (the sandbox does so); `time` defaults to now.
   */
  async create(id: string = generateSessionId(), time: number = this.clock.now()): Promise<HttpSession> {
    if (!isWellFormedSessionId(id)) throw new CodedError('ERR_INVALID_SESSION_ID', 'create: malformed session id');
    if (!(await this.canCreate())) throw new SessionLimitError(this.maxActiveSessions ?? 0);
    return new HttpSession(
      { id, creationTime: time, lastAccessedTime: time, maxInactiveInterval: this.maxInactiveInterval, isNew: true, attributes: [] },
      true,
    );
  }

  /**
   * Writes back what the request did to `session`: removes it when invalidated, stores it when
   * created, or applies only its changes. `'gone'` means another request removed it meanwhile;
   * it is not brought back.
   */
  async commit(session: HttpSession): Promise<CommitResult> {
    const id = session.getId();
    if (!session.isValid()) {
      if (session.isCreated()) return 'unchanged';
      await this.#call(() => this.store.destroy(id));
      return 'destroyed';
    }
    if (session.isCreated()) {
      const created = await this.#call(() => this.store.create(session.toRecord()));
      if (!created) throw new CodedError('ERR_INVALID_SESSION_ID', 'commit: session id already in use');
      return 'saved';
    }
    const patch = session.toPatch();
    if (patch === undefined) return 'unchanged';
    return (await this.#call(() => this.store.update(id, patch))) ? 'saved' : 'gone';
  }

  /** Marks the session as used by a request, so neither lookup nor sweep expires it meanwhile. */
  acquire(id: string): void {
    this.#inUse.set(id, (this.#inUse.get(id) ?? 0) + 1);
  }

  /** Ends one `acquire`. */
  release(id: string): void {
    const count = (this.#inUse.get(id) ?? 0) - 1;
    if (count > 0) this.#inUse.set(id, count);
    else this.#inUse.delete(id);
  }

  /** Removes every expired session not in use; returns how many were removed. */
  async sweep(): Promise<number> {
    const expiredIds = this.store.expiredIds;
    if (expiredIds === undefined) return 0;
    const now = this.clock.now();
    let removed = 0;
    for (const id of await this.#call(() => expiredIds.call(this.store, now))) {
      if (this.#inUse.has(id)) continue;
      const record = await this.#call(() => this.store.get(id));
      if (record === undefined || !isExpired(record, now)) continue;
      await this.#call(() => this.store.destroy(id));
      removed++;
    }
    return removed;
  }

  /** Stops the sweep timer and closes the store. */
  async close(): Promise<void> {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
    await this.store.close?.();
  }

  /** Runs a store call; a failure that is not a coded error becomes `ERR_STORE_UNAVAILABLE`. */
  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof CodedError) throw error;
      throw new StoreUnavailableError(error instanceof Error ? error.message : String(error));
    }
  }
}
