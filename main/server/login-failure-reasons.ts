/**
 * Why an HTTP Basic login of the users file failed, and what the operator's log line says of one
 * (see login-failures.ts, which reports them).
 */

/** Why a login failed: the `reason` label of `dirigible_login_failures_total`, one of a few values (never a user name). */
export const LOGIN_FAILURE_REASONS = ['unknown_user', 'wrong_password', 'malformed', 'locked'] as const;
export type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];

/** Each reason as a log line's message words it. */
export const LOGIN_FAILURE_TEXT: Readonly<Record<LoginFailureReason, string>> = {
  unknown_user: 'unknown user',
  wrong_password: 'wrong password',
  malformed: 'malformed Basic credentials',
  locked: 'user name locked out (too many failed logins)',
};

/** One failed login, as logged. */
export interface LoginFailure {
  reason: LoginFailureReason;
  /** The user name tried, sanitised and cut (`loggedUserName`); absent for malformed credentials (none could be read). */
  user?: string;
  /** The client's address: the app's `req.ip` behind Express, else the connection's. */
  remoteAddress: string;
}
