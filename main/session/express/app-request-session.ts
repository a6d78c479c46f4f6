/**
 * A request's session taken from the app (`expressSession` option): scripts run on the session
 * express-session put on `req.session`, so an Express route and a script share attributes, id and
 * cookie. The app's middleware loads it and sets its cookie; this class hands the sandbox a copy,
 * applies the run's operations to `req.session` in order (set, remove, max age, invalidate by
 * `destroy`, new id by `regenerate`) and saves it before the response goes out.
 */
import { parseCookie } from 'cookie';
import { InvalidAttributeError, NoAppSessionError } from '../../../common/errors.js';
import type { SessionOp, SessionSettings, SessionSnapshot } from '../../../common/snapshot.js';
import {
  type AppSession,
  type AppSessionRequest,
  adoptSessionId,
  intervalOf,
  newSessionMaxAge,
  settle,
} from './app-session-shape.js';

/** Property of `req.session` where the servlet times live (hidden from scripts' attribute names). */
export const SERVLET_TIMES = '__servletTimes';

/** The methods of express-session's session that `close` calls. */
const SESSION_METHODS = ['save', 'destroy', 'regenerate'];

/** Own properties of `req.session` that are not attributes. */
const NOT_ATTRIBUTES = new Set(['cookie', 'id', 'req', SERVLET_TIMES]);

interface ServletTimes {
  creationTime: number;
  lastAccessedTime: number;
}

/** The app's session for one script run, from `open` to `close`. */
export class AppRequestSession {
  readonly #request: AppSessionRequest;
  readonly #time: number;
  readonly #cookieSent: { name: string; path: string } | undefined;
  readonly #snapshot: SessionSnapshot;
  /** The interval the sandbox gives a session it creates (`settings`): the app's max age for a new session. */
  #newSessionInterval: number;

  private constructor(request: AppSessionRequest, session: AppSession, time: number) {
    this.#request = request;
    this.#time = time;
    this.#cookieSent = sentCookie(request, session);
    const times = session[SERVLET_TIMES] as ServletTimes | undefined;
    this.#snapshot = {
      id: session.id,
      creationTime: times?.creationTime ?? time,
      lastAccessedTime: times?.lastAccessedTime ?? times?.creationTime ?? time,
      maxInactiveInterval: intervalOf(session.cookie?.originalMaxAge),
      isNew: this.#cookieSent === undefined,
      attributes: attributesOf(session),
    };
    this.#newSessionInterval = this.#snapshot.maxInactiveInterval;
  }

  /**
   * The session on `req.session`; throws `ERR_NO_APP_SESSION` when no middleware put one there, or
   * when the one there lacks a method this class calls (cookie-session's has none of them).
   */
  static open(request: AppSessionRequest, time: number): AppRequestSession {
    const session = request.session;
    if (session === undefined || session === null) throw new NoAppSessionError();
    const lacking = SESSION_METHODS.filter((method) => typeof session[method] !== 'function');
    if (typeof session.id !== 'string') lacking.push('id');
    if (lacking.length > 0) throw new NoAppSessionError(lacking.join(', '));
    return new AppRequestSession(request, session, time);
  }

  /** A copy of the app's session for the sandbox. */
  snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  /**
   * The app decides about new sessions. The interval of one the script creates (after `invalidate()`)
   * is the max age the app's express-session gives a new session (`newSessionMaxAge`), not the one
   * of the session the request came with, which a route or a script may have changed: the servlet
   * rule (a new session gets the container's default), and the max age `close` stores it with.
   */
  async settings(urlParameter: string | null): Promise<SessionSettings> {
    const maxAge = newSessionMaxAge(this.#request);
    if (maxAge !== undefined) this.#newSessionInterval = intervalOf(maxAge);
    return {
      maxInactiveInterval: this.#newSessionInterval,
      canCreate: true,
      maxActiveSessions: 0,
      urlParameter,
    };
  }

  /** Applies the run's operations to `req.session` and saves it; the app's middleware sets its cookie. */
  async close(ops: readonly SessionOp[]): Promise<Array<[string, string]>> {
    const request = this.#request;
    const headers: Array<[string, string]> = [];
    let changed = false;
    let accessed = false;
    for (const op of ops) {
      const session = request.session;
      switch (op.op) {
        case 'access':
          accessed = true;
          break;
        case 'create':
          request.sessionStore?.generate(request);
          adoptSessionId(request, op.id);
          if (request.session !== undefined) this.#startNew(request.session);
          changed = true;
          break;
        case 'set':
          if (session === undefined) break;
          checkName(session, op.name);
          session[op.name] = JSON.parse(op.json);
          changed = true;
          break;
        case 'remove':
          if (session !== undefined) delete session[op.name];
          changed = true;
          break;
        case 'maxInactiveInterval':
          if (session === undefined) break;
          setCookieMaxAge(session, op.seconds);
          changed = true;
          break;
        case 'changeId':
          if (session !== undefined) await this.#changeId(session, op.id);
          changed = true;
          break;
        case 'invalidate':
          if (session === undefined) break;
          await settle((done) => session.destroy(done));
          if (this.#cookieSent !== undefined) headers.push(['Set-Cookie', clearedCookie(this.#cookieSent)]);
          changed = false;
          break;
      }
    }
    const session = request.session;
    // Servlet rule: a new session only read is not kept (anonymous traffic must not fill the store).
    if (session !== undefined && (changed || (accessed && !this.#snapshot.isNew))) {
      const times = session[SERVLET_TIMES] as ServletTimes | undefined;
      session[SERVLET_TIMES] = {
        creationTime: times?.creationTime ?? this.#snapshot.creationTime,
        lastAccessedTime: this.#time,
      };
      await settle((done) => session.save(done));
    }
    return request.session === undefined ? headers : [];
  }

  /**
   * Gives the session `generate` just made its servlet times, and the interval the script saw for it
   * (the same max age, unless the app's cookie function answers differently on a second call).
   */
  #startNew(session: AppSession): void {
    session[SERVLET_TIMES] = { creationTime: this.#time, lastAccessedTime: this.#time };
    if (intervalOf(session.cookie.originalMaxAge) !== this.#newSessionInterval)
      setCookieMaxAge(session, this.#newSessionInterval);
  }

  /** Nothing is held: the app's session has no per-request lock. */
  release(): void {}

  /** `changeSessionId()`: the app's `regenerate`, keeping the attributes and the cookie's max age, under the sandbox's id. */
  async #changeId(session: AppSession, id: string): Promise<void> {
    const request = this.#request;
    const kept = Object.fromEntries(Object.entries(session).filter(([name]) => name !== 'cookie'));
    const maxAge = session.cookie.originalMaxAge;
    await settle((done) => session.regenerate(done));
    adoptSessionId(request, id);
    const fresh = request.session as AppSession;
    Object.assign(fresh, kept);
    if (typeof maxAge === 'number') fresh.cookie.maxAge = maxAge;
  }
}

/** `setMaxInactiveInterval(seconds)` on the app's session: its cookie's max age; `<= 0` a browser-session cookie. */
function setCookieMaxAge(session: AppSession, seconds: number): void {
  if (seconds > 0) session.cookie.maxAge = seconds * 1000;
  else session.cookie.expires = null;
}

function attributesOf(session: AppSession): Array<[string, string]> {
  const attributes: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(session)) {
    if (NOT_ATTRIBUTES.has(name) || value === undefined || typeof value === 'function') continue;
    attributes.push([name, JSON.stringify(value)]);
  }
  return attributes;
}

/** Attribute names that would break the app's session object are refused. */
function checkName(session: AppSession, name: string): void {
  const methodOrInherited = typeof session[name] === 'function' || (name in session && !Object.hasOwn(session, name));
  if (NOT_ATTRIBUTES.has(name) || methodOrInherited)
    throw new InvalidAttributeError(`setAttribute: "${name}" is reserved by the app's session (express-session)`);
}

/** The cookie by which the client returned this session (express-session signs it as `s:<id>.<signature>`). */
function sentCookie(request: AppSessionRequest, session: AppSession): { name: string; path: string } | undefined {
  const cookies = parseCookie(request.headers.cookie ?? '');
  for (const [name, value] of Object.entries(cookies)) {
    if (value === session.id || value?.startsWith(`s:${session.id}.`))
      return { name, path: session.cookie?.path ?? '/' };
  }
  return undefined;
}

function clearedCookie({ name, path }: { name: string; path: string }): string {
  return `${name}=; Path=${path}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`;
}
