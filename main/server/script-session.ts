/**
 * Where a script's session comes from: this runtime's container (`RequestSession`) or, with the
 * `expressSession` option, the app's `req.session` (`AppRequestSession`). Both are opened before
 * the run and closed (operations applied, saved) before the response goes out.
 */
import type { IncomingMessage } from 'node:http';
import type { SessionOp, SessionSettings, SessionSnapshot } from '../../common/snapshot.js';
import { AppRequestSession } from '../session/express/app-request-session.js';
import type { MaybePromise } from '../../common/maybe-promise.js';
import type { RequestSession } from '../session/request-session.js';

/**
 * One request's session, whichever its source. Its answers may come at once (this runtime's
 * sessions in the memory store) or as promises (maybe-promise.ts).
 */
export interface ScriptSession {
  snapshot(): SessionSnapshot | undefined;
  settings(urlParameter: string | null): MaybePromise<SessionSettings>;
  /** Applies the run's operations; gives the `Set-Cookie` headers the response carries. */
  close(ops: readonly SessionOp[]): MaybePromise<Array<[string, string]>>;
  release(): void;
}

/** Opens the app's session when `fromApp`, this runtime's otherwise. */
export function openScriptSession(
  request: IncomingMessage,
  fromApp: boolean,
  time: number,
  openOwn: () => MaybePromise<RequestSession>,
): MaybePromise<ScriptSession> {
  return fromApp ? AppRequestSession.open(request, time) : openOwn();
}
