/**
 * HTTP Basic users for the CLI, Dirigible's out-of-the-box login: a JSON users file
 * (`{ "users": { "<name>": { "password": "<scrypt hash>", "roles": ["…"] } } }`, written by the
 * `add-user` command) turned into an `authenticate` function, which reads the file again when it
 * changes, so a user added or a password changed counts from the next request, without a restart.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AuthFailedError, InvalidOptionError } from '../../common/errors.js';
import { isPasswordHash, UNMATCHABLE_HASH, verifyPassword } from './password-hash.js';
import type { AuthenticatedUser, Authenticate } from './users.js';
import { fileSignature } from './regular-file.js';
import { readUsersFileText } from './users-file-text.js';
import { reportLoginFailure, reportUsersFileFailure } from './login-failures.js';
import type { LoginLockout } from './login-lockout.js';

/** One user of the file. */
export interface BasicUser {
  /** `scrypt$N$r$p$salt$key`, from `hashPassword`. */
  password: string;
  roles: string[];
}

/** The users file's content. */
export interface UsersFile {
  users: Record<string, BasicUser>;
}

/** Most verified credentials remembered, so a logged-in browser does not pay scrypt on every request. */
const VERIFIED_CACHE_SIZE = 1000;

/** Parses and checks a users file's text; throws `ERR_INVALID_OPTION` naming `option` and what is wrong. */
export function parseUsersFile(text: string, option: string): UsersFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidOptionError(option, `is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const users = (parsed as { users?: unknown } | null)?.users;
  if (users === null || typeof users !== 'object' || Array.isArray(users))
    throw new InvalidOptionError(option, 'must hold { "users": { "<name>": { "password", "roles" } } }');
  for (const [name, user] of Object.entries(users as Record<string, unknown>)) {
    const { password, roles } = (user ?? {}) as Partial<BasicUser>;
    if (name === '' || name.includes(':')) throw new InvalidOptionError(option, `has a bad user name "${name}"`);
    if (!isPasswordHash(password))
      throw new InvalidOptionError(option, `user "${name}": password must be a scrypt hash (see the add-user command)`);
    if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string'))
      throw new InvalidOptionError(option, `user "${name}": roles must be an array of strings`);
  }
  return { users: users as Record<string, BasicUser> };
}

/** Reads a users file: a regular file of at most `MAX_USERS_FILE_BYTES` (`readUsersFileText`). */
export function loadUsersFile(file: string, option = 'usersFile'): UsersFile {
  let text: string;
  try {
    text = readUsersFileText(file);
  } catch (error) {
    throw new InvalidOptionError(option, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseUsersFile(text, option);
}

/** Where an `authenticate` of Basic users finds them: the users as they are now. */
export interface UsersSource {
  /** The users; throws `ERR_INVALID_OPTION` when they cannot be read (the request then fails). */
  current(): UsersFile;
}

/**
 * A users file read at start-up (throwing `ERR_INVALID_OPTION` when it cannot be read or checked)
 * and again whenever it changed since: another inode (`add-user` replaces the file), size or
 * modification time. A file that no longer reads or checks throws on every request until it is
 * fixed, so a user removed by a broken edit does not stay valid (read and parsed once per change,
 * not on every request).
 */
export function watchedUsersFile(file: string, option = 'usersFile'): UsersSource {
  const signature = () => fileSignature(file);
  let read = signature();
  let users = loadUsersFile(file, option);
  /** The signature of a file that did not read or check, and why: not read again until it changes. */
  let failed: { signature: string; error: unknown } | undefined;
  return {
    current() {
      const now = signature();
      if (now === read) return users;
      if (now === failed?.signature) throw failed.error;
      let changed: UsersFile;
      try {
        changed = loadUsersFile(file, option);
      } catch (error) {
        failed = { signature: now, error };
        throw error;
      }
      failed = undefined;
      read = now;
      users = changed;
      return users;
    },
  };
}

/** UTF-8 that refuses bytes that are no UTF-8, rather than reading them as U+FFFD. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The `user:password` of a Basic `Authorization` header; `'malformed'` for a Basic header that holds
 * none (not base64, no `:`, or not UTF-8); undefined without a Basic header (none at all, or another
 * scheme's). Not UTF-8 (the charset the challenge names) is malformed: read leniently, every invalid
 * byte would be U+FFFD, and any of them would match a password holding one.
 */
export function basicCredentials(
  request: IncomingMessage,
): { name: string; password: string } | 'malformed' | undefined {
  const header = request.headers.authorization ?? '';
  if (!/^Basic(?:\s|$)/i.test(header)) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match === null) return 'malformed';
  let decoded: string;
  try {
    decoded = STRICT_UTF8.decode(Buffer.from(match[1] as string, 'base64'));
  } catch {
    return 'malformed';
  }
  const colon = decoded.indexOf(':');
  return colon < 0 ? 'malformed' : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The users of `source`; while they do not read or check, throws `ERR_AUTH_FAILED` whose answer
 * says only that. Why is logged in the users' own line of the request (component `users`, not a
 * script failure): it quotes the file's text (a parser's excerpt, which may hold a password hash),
 * names its users or gives its path, none of them the client's.
 */
function currentUsers(source: UsersSource, request: IncomingMessage): UsersFile {
  try {
    return source.current();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const failure = new AuthFailedError('the users file does not read or check (the server log says why)');
    if (reportUsersFileFailure(request, why)) failure.logged = true;
    else failure.logDetail = why;
    throw failure;
  }
}

/** How `basicAuthenticate` checks logins. */
export interface BasicLoginOptions {
  /** Checks a password against a user's hash. Default `verifyPassword` (scrypt). */
  verify?: (password: string, hash: string) => Promise<boolean>;
  /** Locks user names out after failed logins. Default: none. */
  lockout?: LoginLockout;
}

/**
 * An `authenticate` that accepts the users of `source` by HTTP Basic credentials (`authType`
 * `BASIC`), checked with `verify`. Credentials it verified are remembered until the users change.
 * A name that is no user's costs a verification too (against `UNMATCHABLE_HASH`), so how long the
 * answer takes does not tell which names are users. Each failed login (a wrong password, an unknown
 * name, malformed Basic credentials, a locked name) is logged and counted (`reportLoginFailure`); a
 * request without Basic credentials is no failure. With `lockout`, a locked name is refused before
 * anything is verified, remembered credentials too, and one whose lock was set while its password
 * was being verified is refused as well.
 */
export function basicAuthenticate(source: UsersSource, options: BasicLoginOptions = {}): Authenticate {
  const { verify = verifyPassword, lockout } = options;
  const verified = new Map<string, AuthenticatedUser>();
  let verifiedFor: UsersFile | undefined;
  /** Refuses a login of `name`: logs and counts it, and counts it against the name. */
  const refuse = (request: IncomingMessage, name: string, reason: 'unknown_user' | 'wrong_password'): undefined => {
    lockout?.failed(name);
    reportLoginFailure(request, reason, name);
    return undefined;
  };
  /** True (and reported) when `name` is locked out. */
  const locked = (request: IncomingMessage, name: string): boolean => {
    if (lockout?.isLocked(name) !== true) return false;
    reportLoginFailure(request, 'locked', name);
    return true;
  };
  /** Accepts a login of `name`: its failures are forgotten. */
  const accept = (name: string, user: AuthenticatedUser): AuthenticatedUser => {
    lockout?.succeeded(name);
    return user;
  };
  return async (request) => {
    const credentials = basicCredentials(request);
    if (credentials === undefined) return undefined;
    if (credentials === 'malformed') {
      reportLoginFailure(request, 'malformed');
      return undefined;
    }
    const { name, password } = credentials;
    if (locked(request, name)) return undefined;
    const file = currentUsers(source, request);
    if (file !== verifiedFor) {
      verified.clear();
      verifiedFor = file;
    }
    const user = Object.hasOwn(file.users, name) ? file.users[name] : undefined;
    if (user === undefined) {
      await verify(password, UNMATCHABLE_HASH);
      return refuse(request, name, 'unknown_user');
    }
    const key = createHash('sha256').update(`${name}\0${password}`).digest('base64');
    const known = verified.get(key);
    if (known !== undefined) return accept(name, known);
    if (!(await verify(password, user.password))) return refuse(request, name, 'wrong_password');
    // Other logins of the name failed while scrypt ran and locked it: the right password is refused too.
    if (locked(request, name)) return undefined;
    const answer: AuthenticatedUser = { user: name, roles: [...user.roles], authType: 'BASIC' };
    if (verifiedFor !== file) return accept(name, answer); // the users changed while scrypt ran: not remembered for the new ones
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(key, answer);
    return accept(name, answer);
  };
}
