/**
 * HTTP Basic users for the CLI, Dirigible's out-of-the-box login: a JSON users file
 * (`{ "users": { "<name>": { "password": "<scrypt hash>", "roles": ["…"] } } }`, written by the
 * `add-user` command) turned into an `authenticate` function.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { InvalidOptionError } from '../../common/errors.js';
import { isPasswordHash, verifyPassword } from './password-hash.js';
import type { AuthenticatedUser, Authenticate } from './users.js';

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

/** Reads a users file at start-up. */
export function loadUsersFile(file: string, option = 'usersFile'): UsersFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidOptionError(option, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseUsersFile(text, option);
}

/** The `user:password` of a Basic `Authorization` header, or undefined. */
export function basicCredentials(request: IncomingMessage): { name: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** An `authenticate` that accepts the file's users by HTTP Basic credentials (`authType` `BASIC`). */
export function basicAuthenticate(file: UsersFile): Authenticate {
  const verified = new Map<string, AuthenticatedUser>();
  return async (request) => {
    const credentials = basicCredentials(request);
    if (credentials === undefined) return undefined;
    const user = Object.hasOwn(file.users, credentials.name) ? file.users[credentials.name] : undefined;
    if (user === undefined) return undefined;
    const key = createHash('sha256').update(`${credentials.name}\0${credentials.password}`).digest('base64');
    const known = verified.get(key);
    if (known !== undefined) return known;
    if (!(await verifyPassword(credentials.password, user.password))) return undefined;
    const answer: AuthenticatedUser = { user: credentials.name, roles: [...user.roles], authType: 'BASIC' };
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(key, answer);
    return answer;
  };
}
