/**
 * The owner of one request's session in the main process: it opens the session the request asks
 * for (found in the store and held so it cannot expire under the run), hands the sandbox a copy,
 * and closes it: the run's operations committed in order, the cookie decided, the hold released.
 */
import type { SessionOp, SessionSettings, SessionSnapshot } from '../../common/snapshot.js';
import { clearedSessionCookieHeader, type SessionCookieOptions, sessionCookieHeader } from './cookie.js';
import { StoreUnavailableError } from '../../common/errors.js';
import type { HttpSession } from './http-session.js';
import type { SessionManager } from './manager.js';
import { recordPrincipal } from './principal.js';
import { type CookieAction, commitSessionOps } from './session-commit.js';
import { generateSessionId, isWellFormedSessionId } from '../../common/ids.js';
import { bindsNewPrincipal } from './login-rotation.js';
import type { SessionLock } from './session-lock.js';
import { andThen, attempt, ensure, type MaybePromise } from '../../common/maybe-promise.js';

/** The session lock a request takes before it loads its session, and how long it may wait. */
export interface SessionLocking {
  lock: SessionLock;
  waitMs: number;
}

/**
 * The session `id` names, found under its lock when locking is on (taken before the load, so the
 * request reads what the previous holder committed); the lock is let go when there is none.
 */
function findLocked(
  manager: SessionManager,
  id: string,
  locking: SessionLocking | undefined,
): MaybePromise<{ session: HttpSession; unlock: (() => void) | undefined } | undefined> {
  if (locking === undefined)
    return andThen(manager.lookup(id), (session) =>
      session === undefined ? undefined : { session, unlock: undefined },
    );
  return findUnderLock(manager, id, locking);
}

async function findUnderLock(
  manager: SessionManager,
  id: string,
  locking: SessionLocking,
): Promise<{ session: HttpSession; unlock: (() => void) | undefined } | undefined> {
  if (!isWellFormedSessionId(id)) return undefined;
  const unlock = await locking.lock.acquire(id, locking.waitMs);
  try {
    const session = await manager.find(id);
    if (session !== undefined) return { session, unlock };
  } catch (error) {
    unlock();
    throw error;
  }
  unlock();
  return undefined;
}

/** What opening a request's session needs to know about the request. */
export interface SessionRequest {
  /** The session id the request carries, if any (cookie first, then the URL). */
  requestedId: string | undefined;
  /** Every id the request carries (several session cookies), tried in order; default `[requestedId]`. */
  requestedIds?: readonly string[];
  /** Epoch ms when the request was received. */
  time: number;
  /** True when the request came over TLS (decides the cookie's `Secure`). */
  secure: boolean;
  /**
   * The authenticated user, when the runtime knows one: the session's principal for operators
   * unless the manager's `principalAttribute` names one (see principal.ts). A user the stored
   * session did not have gives it a new id at commit (login-rotation.ts).
   */
  user?: string | undefined;
}

/** The session of one request, from `open` to `close` (or `release` when the run failed). */
export class RequestSession {
  readonly #manager: SessionManager;
  readonly #cookie: SessionCookieOptions;
  readonly #request: SessionRequest;
  readonly #initial: HttpSession | undefined;
  /** The id held with `acquire`, captured: changeSessionId may rename the session before release. */
  readonly #heldId: string | undefined;
  /** Why the store could not be asked for the session, when it could not: the run goes on without one. */
  readonly #storeUnavailable: string | undefined;
  /**
   * The id the session gets at commit because the request's user logs in to it (login-rotation.ts),
   * chosen at open so the script already sees it (`getId()`, `encodeURL`); `undefined` when none.
   */
  readonly #loginId: string | undefined;
  /** Releases the session lock, when the request holds one. */
  #unlock: (() => void) | undefined;
  #released = false;

  private constructor(
    manager: SessionManager,
    cookie: SessionCookieOptions,
    request: SessionRequest,
    initial: HttpSession | undefined,
    storeUnavailable?: string,
  ) {
    this.#storeUnavailable = storeUnavailable;
    this.#manager = manager;
    this.#cookie = cookie;
    this.#request = request;
    this.#initial = initial;
    this.#heldId = initial?.getId();
    if (this.#heldId !== undefined) manager.acquire(this.#heldId);
    this.#loginId =
      initial !== undefined && bindsNewPrincipal(manager, initial, request.user) ? generateSessionId() : undefined;
  }

  /**
   * Finds the requested session and holds it: each id the request carries is tried in order until
   * one names a valid session (unknown, expired or forged ids find none; none is ever adopted).
   */
  static open(
    manager: SessionManager,
    cookie: SessionCookieOptions,
    request: SessionRequest,
    locking?: SessionLocking,
  ): MaybePromise<RequestSession> {
    const ids = request.requestedIds ?? (request.requestedId === undefined ? [] : [request.requestedId]);
    /** The session of the first of `ids` from `index` on that names one (at once from the memory store). */
    const openFrom = (index: number): MaybePromise<RequestSession> => {
      const id = ids[index];
      if (id === undefined) return new RequestSession(manager, cookie, request, undefined);
      return andThen(findLocked(manager, id, locking), (found) => {
        if (found === undefined) return openFrom(index + 1);
        const session = new RequestSession(manager, cookie, request, found.session);
        session.#unlock = found.unlock;
        return session;
      });
    };
    return attempt(
      () => openFrom(0),
      (error) => {
        // A script that never touches the session is answered without the store; one that does gets 503.
        if (!(error instanceof StoreUnavailableError)) throw error;
        return new RequestSession(
          manager,
          cookie,
          request,
          undefined,
          error.message.replace(/^session store unavailable: /, ''),
        );
      },
    );
  }

  /**
   * A fresh copy of the stored session for the sandbox; nothing changes it while the run lasts. It
   * carries the id the session will have when the request logs in to it (`#loginId`).
   */
  snapshot(): SessionSnapshot | undefined {
    const record = this.#initial?.toRecord();
    if (record !== undefined && this.#loginId !== undefined) record.id = this.#loginId;
    return record;
  }

  /** What the sandbox needs to create a session of its own. */
  settings(urlParameter: string | null): MaybePromise<SessionSettings> {
    const manager = this.#manager;
    if (this.#storeUnavailable !== undefined)
      return {
        maxInactiveInterval: manager.maxInactiveInterval,
        canCreate: false,
        maxActiveSessions: manager.maxActiveSessions ?? 0,
        urlParameter,
        storeUnavailable: this.#storeUnavailable,
      };
    return andThen(manager.mayCreate(), (canCreate) => ({
      maxInactiveInterval: manager.maxInactiveInterval,
      canCreate,
      maxActiveSessions: manager.maxActiveSessions ?? 0,
      urlParameter,
    }));
  }

  /**
   * Applies a run's session operations in order and stores every session they touched, then
   * releases the hold. Gives the `Set-Cookie` headers the response must carry: at once when the
   * store answers at once (maybe-promise.ts).
   */
  close(ops: readonly SessionOp[]): MaybePromise<Array<[string, string]>> {
    return ensure(
      () =>
        andThen(commitSessionOps(this.#manager, this.#initial, ops, this.#request.time, this.#loginId), (outcome) =>
          andThen(recordPrincipal(this.#manager, outcome.session, outcome.kind === 'set', this.#request.user), () =>
            this.#cookieHeaders(outcome),
          ),
        ),
      () => this.release(),
    );
  }

  /** Ends the hold without committing anything (the run never produced operations). Idempotent. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (this.#heldId !== undefined) this.#manager.release(this.#heldId);
    this.#unlock?.();
  }

  #cookieHeaders(cookie: CookieAction): Array<[string, string]> {
    const { secure } = this.#request;
    if (cookie.kind === 'set') return [['Set-Cookie', sessionCookieHeader(cookie.id, this.#cookie, secure)]];
    if (cookie.kind === 'clear') return [['Set-Cookie', clearedSessionCookieHeader(this.#cookie, secure)]];
    return [];
  }
}
