/**
 * Failed HTTP Basic logins of the users file, as the operator sees them: a `warn` line of component
 * `users` (the request id, the user name tried, sanitised and cut, never the password, the client's
 * address, behind trusted proxies the one they forward, and why) and the counter `dirigible_login_failures_total` by reason. A request without
 * Basic credentials is no failure (a browser's first request, before the challenge). A users file
 * that does not read or check gets an `error` line of its own (component `users`), no script failure line.
 */
import type { IncomingMessage } from 'node:http';
import { requestLogOf } from '../ops/request-log.js';
import type { LoginFailure, LoginFailureReason } from './login-failure-reasons.js';
import { clientAddress } from './request-snapshot.js';

/** Most characters of a user name a log line shows; a longer one is cut and ends in `…`. */
export const MAX_LOGGED_USER_NAME = 64;

/** Characters a log line must not carry as they are: controls, format and unassigned ones, line separators. */
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/gu;

/**
 * A user name as a log line may show it: at most `MAX_LOGGED_USER_NAME` characters (then `…`), each
 * control or otherwise unprintable character (a newline, an escape, half of a surrogate pair) as `?`,
 * so that a client's name can neither forge a line of a plain-text log nor flood it.
 */
export function loggedUserName(name: string): string {
  const cut = name.length > MAX_LOGGED_USER_NAME ? `${name.slice(0, MAX_LOGGED_USER_NAME)}…` : name;
  return cut.replace(UNPRINTABLE, '?');
}

/** Logs and counts a failed login of `request` in the request's log, when it has one (it does under the runtime). */
export function reportLoginFailure(request: IncomingMessage, reason: LoginFailureReason, user?: string): void {
  const failure: LoginFailure = {
    reason,
    remoteAddress: clientAddress(request) ?? '',
  };
  if (user !== undefined) failure.user = loggedUserName(user);
  requestLogOf(request)?.loginFailed(failure);
}

/**
 * Logs that the users file does not read or check, for `request`, in the users' own line; false when
 * the request has no log (not served by the runtime), where the error's own line must say it.
 */
export function reportUsersFileFailure(request: IncomingMessage, detail: string): boolean {
  const log = requestLogOf(request);
  log?.usersFileFailed(detail);
  return log !== undefined;
}
