/**
 * The session manager: finds sessions by id (strict: only ids it issued and that still exist),
 * creates them, writes back what a request changed, expires sessions on lookup and by a periodic
 * sweep, enforces the optional cap on active sessions, and tells the session listeners.
 *
 * Applications are separate: every store key is `<application name>:<session id>`, so two
 * managers with different application names on one store never see each other's sessions.
 */
import { ApplicationStore } from './application-store.js';
import type { Clock } from './clock.js';
import { BoundValues } from './bound-values.js';
import { InvalidSessionIdError, SessionLimitError } from '../../common/errors.js';
import { HttpSession, type SessionContainer } from './http-session.js';
import { generateSessionId, isWellFormedSessionId } from '../../common/ids.js';
import { HttpSessionEvent, SessionListeners, type SessionListener } from './listeners.js';
import { resolveManagerOptions, type SessionManagerOptions } from './manager-options.js';
import { isExpired, type SessionPatch, type SessionRecord } from '../../common/record.js';
import { andThen, attempt, type MaybePromise } from '../../common/maybe-promise.js';
import { recordPrincipal } from './principal.js';
import type { ServletContext } from './servlet-context.js';
import { SessionAdmin } from './session-admin.js';
import type { SessionStore } from './store.js';

export type { SessionManagerOptions } from './manager-options.js';

/** How many open managers use each store: a store shared by several is closed by the last one. */
const storeUsers = new WeakMap<SessionStore, number>();

/** How long (ms) a session count may serve as the per-request `mayCreate()` hint. */
const COUNT_HINT_MS = 1000;

/**
 * How long (ms of the manager's clock) after one sweep for room at the cap the next may run: at the
 * cap, expired sessions no sweep removed yet are swept before a new one is refused, at most this often.
 */
const ROOM_SWEEP_MS = 1000;

/**
 * The most forwardings an invalidation or a commit follows to a session that rotations moved
 * (`#endMoved`, `#saveMoved`).
 */
const MAX_MOVES_FOLLOWED = 8;

/** The result of writing back a session. */
export type CommitResult = 'saved' | 'unchanged' | 'destroyed' | 'gone';

export class SessionManager {
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly maxInactiveInterval: number;
  /** Seconds from creation after which every session expires; 0 means none. */
  readonly absoluteTimeout: number;
  readonly maxActiveSessions: number | undefined;
  /** The attribute whose value is a session's principal (operators' index), if the embedder named one. */
  readonly principalAttribute: string | undefined;
  /** The application whose sessions this manager keeps. */
  readonly servletContext: ServletContext;
  readonly #container: SessionContainer;
  /** This application's sessions in the store, by bare id. */
  readonly #sessions: ApplicationStore;
  readonly #passivation: boolean;
  readonly #inUse = new Map<string, number>();
  #sweepTimer: NodeJS.Timeout | undefined;
  #closed = false;
  /** True from a failed sweep of the timer's until one works again: only the first failure is logged. */
  #sweepFailing = false;
  /** The last session count and when it was taken (Date.now), for `mayCreate()`. */
  #countHint: { count: number; at: number } | undefined;
  /** When (clock ms) the cap last asked for a sweep for room (`canCreate`). */
  #roomSweptAt: number | undefined;
  /** The sweep for room under way, to the count of sessions after it: requests at the cap meanwhile wait for it. */
  #roomSweep: Promise<number | undefined> | undefined;
  /** The sweep under way: a sweep asked for meanwhile joins it, so no expired session ends twice. */
  #sweeping: Promise<number> | undefined;
  /** The latest new session stored under `maxActiveSessions`: the next one waits for it (`#storeNew`). */
  #creating: Promise<unknown> = Promise.resolve();
  #admin: SessionAdmin | undefined;

  constructor(options: SessionManagerOptions = {}) {
    const resolved = resolveManagerOptions(options);
    this.store = resolved.store;
    this.clock = resolved.clock;
    this.maxInactiveInterval = resolved.maxInactiveInterval;
    this.absoluteTimeout = resolved.absoluteTimeout;
    this.maxActiveSessions = resolved.maxActiveSessions;
    this.principalAttribute = resolved.principalAttribute;
    this.servletContext = resolved.servletContext;
    this.#sessions = new ApplicationStore(resolved.store, resolved.servletContext.name);
    this.#passivation = resolved.passivation;
    const listeners = new SessionListeners(resolved.log);
    for (const listener of resolved.listeners) listeners.add(listener);
    this.#container = { servletContext: resolved.servletContext, listeners, boundValues: new BoundValues() };
    storeUsers.set(this.store, (storeUsers.get(this.store) ?? 0) + 1);
    if (resolved.sweepInterval > 0) {
      this.#sweepTimer = setInterval(() => this.#sweepAndReport(resolved.log), resolved.sweepInterval);
      this.#sweepTimer.unref();
    }
  }

  /** Sessions for operators: count, list, find by principal, invalidate one or a principal's (see `SessionAdmin`). */
  get admin(): SessionAdmin {
    this.#admin ??= new SessionAdmin(this);
    return this.#admin;
  }

  /** Registers a session listener (after those already registered). */
  addListener(listener: SessionListener): void {
    this.#container.listeners.add(listener);
  }

  /** Unregisters a session listener; no-op when it is not registered. */
  removeListener(listener: SessionListener): void {
    this.#container.listeners.remove(listener);
  }

  /** The key the store keeps session `id` under: `<application name>:<id>`. */
  storeKey(id: string): string {
    return this.#sessions.key(id);
  }

  /**
   * The live session with this id, or `undefined` when the id is malformed, unknown, invalidated
   * or expired (an expired session is removed here, and its destroyed listeners told). Never
   * adopts an id it did not issue.
   */
  async find(id: string | undefined): Promise<HttpSession | undefined> {
    return this.lookup(id);
  }

  /** `find`, at once when the store answers at once (the memory store): see maybe-promise.ts. */
  lookup(id: string | undefined): MaybePromise<HttpSession | undefined> {
    if (!isWellFormedSessionId(id)) return undefined;
    return andThen(this.#sessions.get(id), (record) => this.#found(id, record));
  }

  #found(id: string, record: SessionRecord | undefined): MaybePromise<HttpSession | undefined> {
    if (record === undefined) return undefined;
    if (isExpired(record, this.clock.now(), this.absoluteTimeout) && !this.#inUse.has(id))
      return andThen(this.#removeAndEnd(id, record), () => undefined);
    const session = new HttpSession(record, id, this.#container);
    session.join();
    if (this.#passivation) this.#notifyActivation(session, 'sessionDidActivate');
    return session;
  }

  /**
   * True when one more session may be created under `maxActiveSessions`. Expired sessions hold no
   * slot: at the cap, those no sweep has removed yet are swept (at most once a second) and the
   * sessions counted again; a request at the cap while that sweep is under way waits for its count.
   */
  async canCreate(): Promise<boolean> {
    const cap = this.maxActiveSessions;
    if (cap === undefined) return true;
    let count = await (this.#roomSweep ?? this.#sessions.count());
    if (count !== undefined && count >= cap) {
      const sweep = this.#roomSweep ?? (this.#roomSweepDue() ? this.#sweepForRoom() : undefined);
      if (sweep !== undefined) count = await sweep;
    }
    this.#countHint = count === undefined ? undefined : { count, at: Date.now() };
    return count === undefined || count < cap;
  }

  /** True when the cap may sweep for room now: no such sweep ran in the last `ROOM_SWEEP_MS`. */
  #roomSweepDue(): boolean {
    return this.#roomSweptAt === undefined || this.clock.now() - this.#roomSweptAt >= ROOM_SWEEP_MS;
  }

  /**
   * Sweeps for room at the cap; resolves to the count after it, taken again even when this sweep
   * removed nothing: a lookup, or another machine, may have removed the expired sessions meanwhile
   * (then they are theirs to tell, and the count before the sweep still holds them).
   */
  #sweepForRoom(): Promise<number | undefined> {
    this.#roomSweptAt = this.clock.now();
    const sweep = this.sweep()
      .then(() => this.#sessions.count())
      .finally(() => {
        this.#roomSweep = undefined;
      });
    this.#roomSweep = sweep;
    return sweep;
  }

  /**
   * `canCreate()` for the per-request hint a script gets, from a count at most a second old (a
   * `count()` on Redis scans every key). Sessions this manager creates or removes refresh it; the
   * exact check runs again in `create()` when a session is really made.
   */
  mayCreate(): MaybePromise<boolean> {
    if (this.maxActiveSessions === undefined) return true;
    const hint = this.#countHint;
    const fresh = hint !== undefined && Date.now() - hint.at < COUNT_HINT_MS;
    // A full count is asked again when a sweep for room is due (sessions may have expired since),
    // and waited for while one is under way.
    if (fresh && (hint.count < this.maxActiveSessions || (this.#roomSweep === undefined && !this.#roomSweepDue())))
      return hint.count < this.maxActiveSessions;
    return this.canCreate();
  }

  /**
   * A new session, not stored until `commit`; its created listeners are told. `id` may be one
   * generated elsewhere by `generateSessionId` (the sandbox does so); `time` defaults to now.
   */
  async create(id: string = generateSessionId(), time: number = this.clock.now()): Promise<HttpSession> {
    return this.createNow(id, time);
  }

  /** `create`, at once when no session cap needs a count of the store: see maybe-promise.ts. */
  createNow(id: string, time: number): MaybePromise<HttpSession> {
    if (!isWellFormedSessionId(id)) throw new InvalidSessionIdError('create', 'malformed');
    const allowed = this.maxActiveSessions === undefined ? true : this.canCreate();
    return andThen(allowed, (canCreate) => this.#created(canCreate, id, time));
  }

  #created(canCreate: boolean, id: string, time: number): HttpSession {
    if (!canCreate) throw new SessionLimitError(this.maxActiveSessions ?? 0);
    const record = {
      id,
      creationTime: time,
      lastAccessedTime: time,
      maxInactiveInterval: this.maxInactiveInterval,
      isNew: true,
      attributes: [],
    };
    const session = new HttpSession(record, undefined, this.#container);
    this.#container.listeners.fire('sessionCreated', new HttpSessionEvent(session));
    return session;
  }

  /**
   * Writes back what happened to `session` since it was loaded or last committed: removes it when
   * invalidated, stores it when created, moves it after `changeSessionId`, or applies only its
   * changes. `'gone'` means another request removed it meanwhile; it is not brought back. Changes
   * to a session that another request's `changeSessionId()` moved meanwhile follow it to its new id
   * (`#saveMoved`). A saved session's principal (the value of `principalAttribute`: the host has no
   * user) is recorded with the store's index when it changed, or the session is new or has a new id,
   * so the operators' `find` sees sessions the host made as it sees those of requests.
   */
  async commit(session: HttpSession): Promise<CommitResult> {
    const madeId = session.getStoredId() !== session.getId();
    const result = await this.save(session);
    if (result === 'saved') await recordPrincipal(this, session, madeId, undefined);
    return result;
  }

  /**
   * `commit`, at once when the store answers at once (the memory store) and the session only
   * changed: see maybe-promise.ts.
   */
  save(session: HttpSession): MaybePromise<CommitResult> {
    const storedId = session.getStoredId();
    const id = session.getId();
    if (!session.isValid()) return storedId === undefined ? 'unchanged' : this.#destroyStored(storedId);
    const patch = session.toPatch();
    if (storedId === id && patch === undefined) return 'unchanged';
    if (this.#passivation) this.#notifyActivation(session, 'sessionWillPassivate');
    if (storedId === undefined) return this.#storeNewOrEnd(session);
    if (storedId !== id || patch === undefined) return this.#storeMoved(session, storedId, id, patch);
    return andThen(this.#sessions.update(id, patch), (updated) => {
      if (!updated) return this.#saveMoved(session, id, patch);
      session.markStored();
      return 'saved';
    });
  }

  /**
   * The changes of a session found gone under its id: when rotations moved it meanwhile (another
   * request's `changeSessionId()` committed after this session was loaded, without `sessionLock`),
   * they follow the store's forwardings (`SessionStore.movedTo`) and are applied there, attribute by
   * attribute, as a servlet container applies them to its one session object; the session takes the
   * new id, without `sessionIdChanged` (the rotation told it). A session that ended after the
   * rotation is not brought back: gone, or expired (ended here, as a lookup ends it), it is `'gone'`.
   * Only this path asks for the forwardings: a commit that finds its session does no more.
   */
  async #saveMoved(session: HttpSession, id: string, patch: SessionPatch): Promise<CommitResult> {
    const saved = await this.#followMoves(id, async (movedId, record) => {
      if (isExpired(record, this.clock.now(), this.absoluteTimeout) && !this.#inUse.has(movedId)) {
        await this.#removeAndEnd(movedId, record);
        return false;
      }
      if (!(await this.#sessions.update(movedId, patch))) return false;
      session.followMove(movedId, [...patch.set.map(([name]) => name), ...patch.removed]);
      session.markStored();
      return true;
    });
    return saved ? 'saved' : this.#gone(session);
  }

  /**
   * A commit found the session removed meanwhile (invalidated by another request, expired on another
   * machine): whoever removed it told the listeners, but could not reach the live values this
   * process bound to it. The session ends here without notices, those values unbound.
   */
  #gone(session: HttpSession): 'gone' {
    session.endRemovedElsewhere();
    return 'gone';
  }

  /**
   * `invalidate()` of a stored session for a script's `invalidate()` or an operator's kill, told
   * once however many end it at the same moment: the store entry is removed first, and the session
   * ends as `invalidate()` ends it (listeners, unbinding) only when this call removed it, or the
   * store's `destroy` does not say. When another call removed it first (another request's
   * invalidation, an expiry found on another machine, an operator), that call told the listeners:
   * the session only becomes invalid here, and the live values this process bound to it are
   * unbound; but when a rotation moved it meanwhile (another request's `changeSessionId()`
   * committed after this session was loaded), the invalidation follows it to its new id
   * (`#endMoved`). Resolves whether this call ended it; a session not stored yet ends at once.
   */
  async invalidateStored(session: HttpSession): Promise<boolean> {
    const storedId = session.getStoredId();
    const wasValid = session.isValid();
    if (storedId === undefined) {
      session.expire();
      return wasValid;
    }
    const removed = await this.#sessions.destroy(storedId);
    this.#countHint = undefined;
    if (removed !== false) {
      session.expire();
      return wasValid;
    }
    session.endRemovedElsewhere();
    return wasValid && this.#endMoved(storedId);
  }

  /**
   * Ends the session that rotations moved away from `id` after this request loaded it (another
   * request's `changeSessionId()` committed first, without `sessionLock`), following the store's
   * forwardings (`SessionStore.movedTo`): the invalidation reaches it under its new id, and its
   * destroyed listeners are told there, once (by whichever call removes it). Resolves whether this
   * call ended it; false when there is no forwarding, or the session is gone too.
   */
  async #endMoved(id: string): Promise<boolean> {
    return this.#followMoves(id, (movedId, record) => this.#removeAndEnd(movedId, record));
  }

  /**
   * Follows the store's forwardings (`SessionStore.movedTo`) from `id` to the stored session that
   * rotations moved away from it, and runs `act` there; when `act` resolves false (the session moved
   * on, or ended, between the read and its write) the walk goes on from there, until a forwarding is
   * missing (none kept, or the session ended) or `MAX_MOVES_FOLLOWED` moves were followed in all.
   * Resolves whether `act` did its work.
   */
  async #followMoves(id: string, act: (movedId: string, record: SessionRecord) => Promise<boolean>): Promise<boolean> {
    let from = id;
    for (let hop = 1; hop <= MAX_MOVES_FOLLOWED; hop++) {
      const to = await this.#sessions.movedTo(from);
      if (to === undefined) return false;
      const record = await this.#sessions.get(to);
      if (record !== undefined && (await act(to, record))) return true;
      from = to;
    }
    return false;
  }

  async #destroyStored(storedId: string): Promise<CommitResult> {
    await this.#sessions.destroy(storedId);
    this.#countHint = undefined;
    return 'destroyed';
  }

  /**
   * `#storeNew`; a session the store refuses (the cap reached meanwhile, the store unavailable)
   * never comes to be: it ends, and its destroyed listeners are told, as its created ones were.
   */
  #storeNewOrEnd(session: HttpSession): MaybePromise<CommitResult> {
    return attempt(
      () => this.#storeNew(session),
      (error) => {
        session.expire();
        throw error;
      },
    );
  }

  /**
   * Stores a new session: at once in the memory store. Under `maxActiveSessions` the cap is
   * checked again as it is stored, one new session at a time: requests that created their
   * sessions concurrently all saw room for one more, and would all store theirs.
   */
  #storeNew(session: HttpSession): MaybePromise<CommitResult> {
    const cap = this.maxActiveSessions;
    if (cap === undefined) return this.#insert(session);
    const turn = this.#creating.then(async () => {
      if (!(await this.canCreate())) throw new SessionLimitError(cap);
      return this.#insert(session);
    });
    this.#creating = turn.catch(() => undefined);
    return turn;
  }

  #insert(session: HttpSession): MaybePromise<CommitResult> {
    return andThen(this.#sessions.create(session.toRecord()), (created) => {
      if (!created) throw new InvalidSessionIdError('commit', 'taken');
      this.#countHint = undefined;
      session.markStored();
      return 'saved';
    });
  }

  /** Stores a session under its new id (`changeSessionId`), with its changes. */
  async #storeMoved(
    session: HttpSession,
    storedId: string,
    id: string,
    patch: SessionPatch | undefined,
  ): Promise<CommitResult> {
    if (storedId !== id && !(await this.#sessions.rename(storedId, id))) return this.#gone(session);
    if (patch !== undefined && !(await this.#sessions.update(id, patch))) return this.#gone(session);
    session.markStored();
    return 'saved';
  }

  /** Marks the session as used by a request, so neither lookup nor sweep expires it meanwhile. */
  acquire(id: string): void {
    this.#inUse.set(id, (this.#inUse.get(id) ?? 0) + 1);
  }

  /** True while a request of this process holds the session (`acquire`): it does not expire meanwhile. */
  isInUse(id: string): boolean {
    return this.#inUse.has(id);
  }

  /** Ends one `acquire`. */
  release(id: string): void {
    const count = (this.#inUse.get(id) ?? 0) - 1;
    if (count > 0) this.#inUse.set(id, count);
    else this.#inUse.delete(id);
  }

  /**
   * Removes every expired session of this application that no request is using, telling its
   * destroyed listeners; returns how many it removed (one that a lookup or another machine removed
   * first is theirs to tell, when the store's `destroy` says so). Asked for while a sweep is under
   * way (the timer's, the cap's sweep for room), it is that sweep: two at once would both find a
   * session expired.
   */
  sweep(): Promise<number> {
    this.#sweeping ??= this.#sweepOnce().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweepOnce(): Promise<number> {
    const now = this.clock.now();
    let removed = 0;
    for (const id of await this.#sessions.expiredIds(now, this.absoluteTimeout)) {
      if (this.#inUse.has(id)) continue;
      const record = await this.#sessions.get(id);
      if (record === undefined || !isExpired(record, now, this.absoluteTimeout)) continue;
      if (await this.#removeAndEnd(id, record)) removed++;
    }
    return removed;
  }

  /**
   * A sweep of the timer's: the first failure of a run of failures is logged (the store down or
   * silent), and the first sweep that works again after it; the sweeps between fail quietly.
   */
  #sweepAndReport(log: (line: string, level?: 'info' | 'warn') => void): void {
    this.sweep().then(
      () => {
        if (!this.#sweepFailing) return;
        this.#sweepFailing = false;
        log('the session sweep works again', 'info');
      },
      (error: unknown) => {
        if (this.#sweepFailing || this.#closed) return;
        this.#sweepFailing = true;
        const reason = error instanceof Error ? error.message : String(error);
        log(`the session sweep failed (expired sessions stay until it works again): ${reason}`);
      },
    );
  }

  /** Stops the sweep timer and closes the store, unless other open managers still use it. */
  async close(): Promise<void> {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
    if (this.#closed) return;
    this.#closed = true;
    const users = (storeUsers.get(this.store) ?? 1) - 1;
    storeUsers.set(this.store, users);
    if (users === 0) await this.store.close?.();
  }

  /**
   * Removes a session from the store (one found expired, or moved by a rotation and invalidated:
   * `#endMoved`), then ends it as `invalidate()` does (listeners, unbinding); false when the store
   * reports that another call removed it first (a lookup and a sweep, or two machines, found it
   * expired at once): that call told the listeners, and only the live values this process bound to
   * it, which another machine cannot reach, are unbound here.
   */
  async #removeAndEnd(id: string, record: SessionRecord): Promise<boolean> {
    const removed = await this.#sessions.destroy(id);
    this.#countHint = undefined;
    const session = new HttpSession(record, id, this.#container);
    if (removed === false) {
      session.endRemovedElsewhere();
      return false;
    }
    session.expire();
    return true;
  }

  /** Tells the listeners and the session's live bound values that it is passivated or activated. */
  #notifyActivation(session: HttpSession, method: 'sessionWillPassivate' | 'sessionDidActivate'): void {
    const { listeners, boundValues } = this.#container;
    const event = new HttpSessionEvent(session);
    listeners.fire(method, event);
    for (const value of boundValues.values(session.getId())) listeners.call(value, method, [event]);
  }
}
