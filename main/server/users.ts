/**
 * Who sent a request: the embedder's `authenticate` option when given, else the user that
 * Passport-style middleware put on `req.user`. Scripts read it through `getRemoteUser()`,
 * `isUserInRole(role)` and `getAuthType()`.
 */
import type { IncomingMessage } from 'node:http';
import { AuthFailedError, InvalidOptionError, OverloadedError } from '../../common/errors.js';
import type { MaybePromise } from '../../common/maybe-promise.js';
import type { RequestUser } from '../../common/snapshot.js';

/** What `authenticate` answers for an authenticated request. */
export interface AuthenticatedUser {
  /** The user name, `getRemoteUser()`. */
  user: string;
  /** The roles `isUserInRole(role)` accepts. Default: none. */
  roles?: readonly string[];
  /** `getAuthType()`, e.g. `BASIC` or `FORM`. Default `null`. */
  authType?: string | null;
}

/**
 * Tells who sent a request: a user, or `undefined`/`null` for an anonymous one. May be async.
 * Throwing (or rejecting) fails the request with 500 `ERR_AUTH_FAILED`.
 */
export type Authenticate = (
  request: IncomingMessage,
) => AuthenticatedUser | undefined | null | Promise<AuthenticatedUser | undefined | null>;

/** Checks the `authenticate` option. */
export function checkAuthenticate(value: unknown): Authenticate | undefined {
  if (value !== undefined && typeof value !== 'function')
    throw new InvalidOptionError(
      'authenticate',
      'must be a function (request) => { user, roles, authType } | undefined',
    );
  return value as Authenticate | undefined;
}

/** The request's user: from `authenticate` if given, else from `req.user`. */
export function requestUser(
  request: IncomingMessage,
  authenticate: Authenticate | undefined,
): MaybePromise<RequestUser | undefined> {
  if (authenticate === undefined) return fromPassport((request as { user?: unknown }).user);
  return authenticatedUser(request, authenticate);
}

/** The user `authenticate` answers for the request. */
async function authenticatedUser(
  request: IncomingMessage,
  authenticate: Authenticate,
): Promise<RequestUser | undefined> {
  let answer: AuthenticatedUser | undefined | null;
  try {
    answer = await authenticate(request);
  } catch (error) {
    // A login refused because too many wait for their password check: 503 with `Retry-After`.
    if (error instanceof AuthFailedError || error instanceof OverloadedError) throw error;
    throw new AuthFailedError(error instanceof Error ? error.message : String(error));
  }
  if (answer === undefined || answer === null) return undefined;
  if (typeof answer.user !== 'string' || answer.user === '')
    throw new AuthFailedError('it must answer { user: string, roles?, authType? } or nothing');
  return { name: answer.user, roles: stringList(answer.roles), authType: answer.authType ?? null };
}

/**
 * The user Passport-style middleware left on `req.user`: a string is the name; an object gives
 * its `username`, `name`, `email` or `id` (the first that is set) and its `roles` array.
 */
export function fromPassport(user: unknown): RequestUser | undefined {
  if (typeof user === 'string') return user === '' ? undefined : { name: user, roles: [], authType: null };
  if (user === null || typeof user !== 'object') return undefined;
  const record = user as Record<string, unknown>;
  const name = [record['username'], record['name'], record['email'], record['id']].find(
    (value) => (typeof value === 'string' && value !== '') || typeof value === 'number',
  );
  if (name === undefined) return undefined;
  const authType = typeof record['authType'] === 'string' ? record['authType'] : null;
  return { name: String(name), roles: stringList(record['roles']), authType };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
