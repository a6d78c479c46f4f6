/**
 * The options of embedding in a web app: the body time limit, cross-site protection, users
 * (`authenticate`, `req.user`, or the CLI's Basic users file) and where the script's session comes
 * from (this runtime's container, or the app's express-session). Checked once at start-up.
 */
import { InvalidOptionError } from '../../common/errors.js';
import { basicAuthenticate, watchedUsersFile } from './basic-users.js';
import { type CrossSiteGuard, crossSiteGuard } from './cross-site.js';
import { type Authenticate, checkAuthenticate } from './users.js';
import { LoginLockout } from './login-lockout.js';
import { type Clock, systemClock } from '../session/clock.js';

export interface EmbeddingOptions {
  /**
   * Ms a client has to send its whole request body; past it the answer is 408 (`ERR_BODY_TIMEOUT`)
   * and the connection is closed. It also bounds how long `close()` waits on a slow body. Default 30000.
   */
  bodyTimeout?: number;
  /**
   * Refuse unsafe-method requests (POST, PUT, DELETE …) that a browser marks as cross-site, with 403
   * (`ERR_CROSS_SITE`), before any script or session work. Default true. See docs/security.md.
   */
  crossSiteProtection?: boolean;
  /** Origins (`https://app.example.com`) whose pages may send unsafe requests to the scripts. Default: none. */
  trustedOrigins?: string[];
  /**
   * Tells who sent a request: `(request) => ({ user, roles, authType })`, or nothing for anonymous;
   * sync or async. Default: the user Passport-style middleware left on `req.user`, if any.
   */
  authenticate?: Authenticate;
  /** A users file (see the `add-user` command): HTTP Basic users with scrypt-hashed passwords and roles. Not with `authenticate`. */
  usersFile?: string;
  /**
   * Failed logins in a row that lock a user name of `usersFile` out for `loginLockoutSeconds` (as
   * Tomcat's LockOutRealm); 0 turns the lockout off. Default 5. See docs/security.md.
   */
  loginFailures?: number;
  /** Seconds a user name of `usersFile` stays locked out after `loginFailures` failed logins. Default 300. */
  loginLockoutSeconds?: number;
  /**
   * Script paths (prefixes under the root, e.g. `admin/` or `reports.js`; `''` means every script)
   * that require a user: without one the answer is 401 with `WWW-Authenticate`. Default: every
   * script when `usersFile` is given, none otherwise.
   */
  requireUser?: string[];
  /**
   * Run scripts on the session that express-session (or middleware that provides `req.session` the
   * same way) put on the request, instead of this runtime's own. Default false. See docs/embedding.md.
   */
  expressSession?: boolean;
}

export const EMBEDDING_OPTIONS = [
  'bodyTimeout',
  'crossSiteProtection',
  'trustedOrigins',
  'authenticate',
  'usersFile',
  'loginFailures',
  'loginLockoutSeconds',
  'requireUser',
  'expressSession',
] as const;

/** The embedding options, checked and with their defaults. */
export interface ResolvedEmbedding {
  bodyTimeout: number;
  crossSite: CrossSiteGuard;
  authenticate: Authenticate | undefined;
  requireUser: string[];
  expressSession: boolean;
}

/** Checks the embedding options; throws `ERR_INVALID_OPTION` naming the first bad one. */
export function resolveEmbeddingOptions(options: EmbeddingOptions, clock: Clock = systemClock): ResolvedEmbedding {
  const { bodyTimeout = 30_000, crossSiteProtection = true, trustedOrigins = [], expressSession = false } = options;
  if (!Number.isInteger(bodyTimeout) || bodyTimeout < 1)
    throw new InvalidOptionError('bodyTimeout', 'must be a whole number of ms >= 1');
  if (typeof crossSiteProtection !== 'boolean')
    throw new InvalidOptionError('crossSiteProtection', 'must be a boolean');
  if (!Array.isArray(trustedOrigins)) throw new InvalidOptionError('trustedOrigins', 'must be an array of origins');
  if (typeof expressSession !== 'boolean') throw new InvalidOptionError('expressSession', 'must be a boolean');
  const { loginFailures = 5, loginLockoutSeconds = 300 } = options;
  if (!Number.isInteger(loginFailures) || loginFailures < 0)
    throw new InvalidOptionError('loginFailures', 'must be a whole number >= 0 (0 turns the lockout off)');
  if (!Number.isInteger(loginLockoutSeconds) || loginLockoutSeconds < 1)
    throw new InvalidOptionError('loginLockoutSeconds', 'must be a whole number of seconds >= 1');
  let authenticate = checkAuthenticate(options.authenticate);
  if (options.usersFile !== undefined) {
    if (authenticate !== undefined) throw new InvalidOptionError('usersFile', 'cannot be combined with "authenticate"');
    const lockout =
      loginFailures === 0 ? undefined : new LoginLockout(loginFailures, loginLockoutSeconds * 1000, clock);
    authenticate = basicAuthenticate(watchedUsersFile(options.usersFile), lockout === undefined ? {} : { lockout });
  }
  const requireUser = options.requireUser ?? (options.usersFile === undefined ? [] : ['']);
  if (!Array.isArray(requireUser) || !requireUser.every((prefix) => typeof prefix === 'string'))
    throw new InvalidOptionError('requireUser', 'must be an array of script path prefixes');
  return {
    bodyTimeout,
    crossSite: crossSiteGuard(crossSiteProtection, trustedOrigins),
    authenticate,
    requireUser: requireUser.map((prefix) => prefix.replace(/^\/+/, '')),
    expressSession,
  };
}

/** True when `script` (a path under the root) falls under one of the `requireUser` prefixes. */
export function requiresUser(script: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => script.startsWith(prefix));
}
