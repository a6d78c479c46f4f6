/**
 * How the runtime tracks sessions: it builds the session manager from the runtime options, reads
 * the id a request carries (the cookie, or a `;jsessionid=` path parameter when URL rewriting is
 * on; the cookie wins, as in Tomcat).
 */
import type { IncomingMessage } from 'node:http';
import { readSessionCookies } from '../session/cookie.js';
import { SessionManager, type SessionManagerOptions } from '../session/manager.js';
import { RedisStore } from '../session/redis/redis-store.js';
import { createServletContext } from '../session/servlet-context.js';
import { SCRIPTS_BASE_PATH } from '../../common/mount-point.js';
import { readUrlSessionId, sessionUrlParameter } from '../../common/url-rewriting.js';
import { type ResolvedOptions, sessionManagerOptions } from './options.js';

/** The session manager of a runtime. Throws `ERR_INVALID_OPTION` naming a bad session option. */
export function createSessionManager(settings: ResolvedOptions, log: (line: string) => void): SessionManager {
  const { root, redisUrl, redisSentinel, redisSentinelName, applicationName, initParameters, storeTimeout } = settings;
  const application = {
    root,
    basePath: SCRIPTS_BASE_PATH,
    ...(applicationName === undefined ? {} : { name: applicationName }),
    ...(initParameters === undefined ? {} : { initParameters }),
  };
  // Checked here first, so a bad one is named as createRuntime takes it (applicationName), not as
  // the manager does (application.name).
  createServletContext(application);
  const options: SessionManagerOptions = { ...sessionManagerOptions(settings), log, application };
  if (redisUrl === undefined && redisSentinel === undefined) return new SessionManager(options);
  // A store made from `redisUrl` or `redisSentinel` belongs to the runtime: closing the manager
  // closes its connection, and a manager that refuses its options must not leave that connection
  // retrying for ever.
  const where =
    redisSentinel === undefined
      ? { url: redisUrl as string }
      : { sentinel: { sentinels: redisSentinel, name: redisSentinelName as string } };
  const store = new RedisStore({ ...where, log, commandTimeout: storeTimeout });
  try {
    return new SessionManager({ ...options, store });
  } catch (error) {
    void store.close();
    throw error;
  }
}

/** The path parameter of rewritten URLs, or `null` when URL rewriting is off. */
export function urlParameter(settings: ResolvedOptions): string | null {
  return settings.urlRewriting ? sessionUrlParameter(settings.cookie.name) : null;
}

/**
 * The request path for routing (no query, no session path parameter: it is stripped even when URL
 * rewriting is off, so such links still work) and the id of that parameter when rewriting is on.
 */
export function splitRequestPath(
  url: string | undefined,
  settings: ResolvedOptions,
): { path: string; urlSessionId: string | undefined } {
  const { path, id } = readUrlSessionId((url ?? '/').split('?')[0] ?? '/', sessionUrlParameter(settings.cookie.name));
  return { path, urlSessionId: settings.urlRewriting ? id : undefined };
}

/**
 * The session ids the request asks for, in the order they are tried (every session cookie; else
 * the URL's), the first of them as `id`, and whether they came by cookie.
 */
export function requestedSessionId(
  request: IncomingMessage,
  urlSessionId: string | undefined,
  settings: ResolvedOptions,
): { id: string | undefined; ids: string[]; fromCookie: boolean } {
  const cookieIds = readSessionCookies(request.headers.cookie, settings.cookie.name);
  if (cookieIds.length > 0) return { id: cookieIds[0], ids: cookieIds, fromCookie: true };
  return { id: urlSessionId, ids: urlSessionId === undefined ? [] : [urlSessionId], fromCookie: false };
}
