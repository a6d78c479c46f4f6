/**
 * Session tracking without cookies, as servlet containers do it: the session id travels as a
 * path parameter, `/services/js/app.js;jsessionid=ID?query` (Servlet 7.1.3). Opt-in: ids in URLs
 * leak through logs, `Referer` headers and shared links (OWASP Session Management Cheat Sheet).
 */
import { urlHostText } from './ip-address.js';

/** The name of the path parameter: `jsessionid` for the default cookie, otherwise the cookie's name (as Tomcat does). */
export function sessionUrlParameter(cookieName: string): string {
  return cookieName === 'JSESSIONID' ? 'jsessionid' : cookieName;
}

/**
 * Splits the session id out of a request path: every `;<parameter>=<value>` is removed (so routing
 * never sees it) and the first value is returned as `id`.
 * @example readUrlSessionId('/services/js/a.js;jsessionid=X/items', 'jsessionid') // { path: '/services/js/a.js/items', id: 'X' }
 */
export function readUrlSessionId(path: string, parameter: string): { path: string; id: string | undefined } {
  const token = `;${parameter}=`;
  if (!path.includes(token)) return { path, id: undefined };
  let id: string | undefined;
  let rest = path;
  let stripped = '';
  for (let start = rest.indexOf(token); start >= 0; start = rest.indexOf(token)) {
    const valueStart = start + token.length;
    const end = findEnd(rest, valueStart);
    id ??= rest.slice(valueStart, end);
    stripped += rest.slice(0, start);
    rest = rest.slice(end);
  }
  return { path: stripped + rest, id };
}

function findEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '/' || text[index] === ';') return index;
  }
  return text.length;
}

/** Where the current request was made, to tell links into this application from others. */
export interface RequestOrigin {
  scheme: string;
  serverName: string;
  serverPort: number;
  /** The request path (no query), e.g. `/services/js/app.js`. */
  requestUri: string;
  /** The application's base path, `/services/js`. */
  contextPath: string;
}

/**
 * `url` with `;<parameter>=<id>` added to its path, or `url` unchanged when it is a fragment
 * (`#...`), leaves this application (other scheme, host, port, or a path outside the context
 * path), cannot be parsed, or already carries the parameter. Relative URLs stay relative.
 */
export function encodeSessionUrl(url: string, id: string, parameter: string, origin: RequestOrigin): string {
  if (url.startsWith('#')) return url;
  const base = `${origin.scheme}://${hostPort(origin)}${origin.requestUri}`;
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    return url;
  }
  const here = new URL(base);
  if (target.protocol !== here.protocol || target.host !== here.host) return url;
  if (target.pathname !== origin.contextPath && !target.pathname.startsWith(`${origin.contextPath}/`)) return url;
  const pathEnd = [url.indexOf('?'), url.indexOf('#')]
    .filter((index) => index >= 0)
    .reduce((a, b) => Math.min(a, b), url.length);
  const path = url.slice(0, pathEnd);
  if (path.includes(`;${parameter}=`)) return url;
  return `${path};${parameter}=${id}${url.slice(pathEnd)}`;
}

function hostPort(origin: RequestOrigin): string {
  return `${urlHostText(origin.serverName)}:${origin.serverPort}`;
}
