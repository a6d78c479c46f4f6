/**
 * The shape of a session that express-session (or compatible middleware) puts on `req.session`,
 * as far as this runtime uses it, and small promise helpers over its callback methods. Declared
 * here so the package does not depend on express-session's types.
 */
import type { IncomingMessage } from 'node:http';

/** `req.session.cookie`: the max age lives here (ms; `null` for a browser-session cookie). */
export interface AppSessionCookie {
  originalMaxAge?: number | null;
  maxAge?: number | null;
  expires?: Date | null | boolean;
  path?: string;
}

/** `req.session`: attributes are its own enumerable properties; the methods take callbacks. */
export interface AppSession {
  [attribute: string]: unknown;
  readonly id: string;
  cookie: AppSessionCookie;
  save(callback: (error?: unknown) => void): void;
  destroy(callback: (error?: unknown) => void): void;
  regenerate(callback: (error?: unknown) => void): void;
}

/** A request as express-session leaves it. */
export interface AppSessionRequest extends IncomingMessage {
  session?: AppSession;
  sessionID?: string;
  /** The app's store; express-session's `generate(req)` puts a new session on the request. */
  sessionStore?: { generate(request: AppSessionRequest): void };
}

/** Calls a callback-style session method as a promise. */
export function settle(call: (callback: (error?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => call((error) => (error ? reject(error) : resolve())));
}

/**
 * Gives the request's freshly generated session the id `id` (one the sandbox already showed the
 * script), keeping its cookie: express-session fixes a session's id when it is constructed, so the
 * session is constructed again by its own class with `req.sessionID` set first.
 */
export function adoptSessionId(request: AppSessionRequest, id: string): void {
  const generated = request.session;
  if (generated === undefined || generated.id === id) return;
  const SessionClass = generated.constructor as new (request: AppSessionRequest) => AppSession;
  request.sessionID = id;
  const adopted = new SessionClass(request);
  if (adopted.id !== id) {
    request.sessionID = generated.id;
    return;
  }
  adopted.cookie = generated.cookie;
  request.session = adopted;
}

/**
 * The max age (ms; `null` for a browser-session cookie) the app's express-session gives a session
 * it creates for `request` now, or `undefined` when the request has no `sessionStore.generate`.
 * The app's cookie options are not reachable from the request (they may even be a function of it),
 * so the store's own `generate` makes a session on a stand-in for the request (an object whose
 * prototype is the request: the cookie function, `genid` and the `secure: 'auto'` check read the
 * request through it) and its cookie is read; the request itself and its session are not touched.
 * The id `genid` made for the stand-in is thrown away.
 */
export function newSessionMaxAge(request: AppSessionRequest): number | null | undefined {
  const store = request.sessionStore;
  if (typeof store?.generate !== 'function') return undefined;
  const standIn = Object.create(request) as AppSessionRequest;
  try {
    store.generate(standIn);
  } catch {
    return undefined; // the app's genid or cookie function failed: the caller keeps what it knows
  }
  const maxAge = Object.hasOwn(standIn, 'session') ? standIn.session?.cookie?.originalMaxAge : undefined;
  return typeof maxAge === 'number' || maxAge === null ? maxAge : undefined;
}

/** A cookie max age (ms) as a servlet interval (s): `0` for none (a browser-session cookie). */
export function intervalOf(maxAge: number | null | undefined): number {
  return typeof maxAge === 'number' ? Math.round(maxAge / 1000) : 0;
}
