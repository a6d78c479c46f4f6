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
