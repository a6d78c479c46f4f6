/**
 * Host half of `http/v4/request`: the incoming HTTP request as the script sees it. Scalars cross
 * as primitives; lists and maps as JSON text the guest wrapper parses.
 */
import { parseCookie } from 'cookie';
import { NoHttpRequestError } from '../../common/errors.js';
import type { Facade, FacadeFunction, RequestContext } from './context.js';
import type { RequestSnapshot } from '../../common/snapshot.js';

function current(context: RequestContext | undefined, method: string): RequestContext {
  if (context === undefined) throw new NoHttpRequestError(method);
  return context;
}

function request(context: RequestContext | undefined, method: string): RequestSnapshot {
  return current(context, method).request;
}

/** A facade function that reads one thing from the request snapshot. */
function reads(
  method: string,
  read: (snapshot: RequestSnapshot, args: readonly unknown[]) => string | number | boolean | null,
): FacadeFunction {
  return (context, args) => read(request(context, method), args);
}

const parameterCache = new WeakMap<RequestSnapshot, Map<string, string[]>>();

/** Query-string parameters, then those of an `application/x-www-form-urlencoded` body. */
function parameters(snapshot: RequestSnapshot): Map<string, string[]> {
  let map = parameterCache.get(snapshot);
  if (map !== undefined) return map;
  map = new Map();
  const add = (search: URLSearchParams) => {
    for (const [key, value] of search) map?.set(key, [...(map.get(key) ?? []), value]);
  };
  add(new URLSearchParams(queryString(snapshot) ?? ''));
  if ((header(snapshot, 'content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    add(new URLSearchParams(Buffer.from(snapshot.body).toString('utf8')));
  }
  parameterCache.set(snapshot, map);
  return map;
}

function header(snapshot: RequestSnapshot, name: unknown): string | null {
  return snapshot.headers[String(name).toLowerCase()]?.[0] ?? null;
}

/** The `charset` parameter of a Content-Type value, or `null`. */
export function charsetOf(contentType: string | null | undefined): string | null {
  return /charset=([^;\s]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

function queryString(snapshot: RequestSnapshot): string | null {
  const index = snapshot.url.indexOf('?');
  return index < 0 ? null : snapshot.url.slice(index + 1);
}

function requestUri(snapshot: RequestSnapshot): string {
  const index = snapshot.url.indexOf('?');
  return index < 0 ? snapshot.url : snapshot.url.slice(0, index);
}

function pathInfo(snapshot: RequestSnapshot): string {
  return `/${snapshot.scriptPath}${snapshot.resourcePath === '' ? '' : `/${snapshot.resourcePath}`}`;
}

function hostPort(snapshot: RequestSnapshot): string {
  const defaultPort = snapshot.scheme === 'https' ? 443 : 80;
  return snapshot.serverPort === defaultPort ? snapshot.serverName : `${snapshot.serverName}:${snapshot.serverPort}`;
}

/** The request facade, by function name. */
export const requestFacade: Facade = {
  isValid: (context) => context !== undefined,
  getMethod: reads('getMethod', (s) => s.method),
  getRemoteUser: reads('getRemoteUser', (s) => s.user?.name ?? null),
  getAuthType: reads('getAuthType', (s) => s.user?.authType ?? null),
  isUserInRole: reads('isUserInRole', (s, [role]) => s.user?.roles.includes(String(role)) ?? false),
  getPathInfo: reads('getPathInfo', pathInfo),
  getPathTranslated: reads('getPathTranslated', () => null),
  getResourcePath: reads('getResourcePath', (s) => s.resourcePath),
  getServicePath: reads('getServicePath', (s) => s.scriptPath),
  getContextPath: reads('getContextPath', (s) => s.contextPath),
  getRequestURI: reads('getRequestURI', requestUri),
  getRequestURL: reads('getRequestURL', (s) => `${s.scheme}://${hostPort(s)}${requestUri(s)}`),
  getQueryString: reads('getQueryString', queryString),
  getProtocol: reads('getProtocol', (s) => s.protocol),
  getScheme: reads('getScheme', (s) => s.scheme),
  isSecure: reads('isSecure', (s) => s.secure),
  getServerName: reads('getServerName', (s) => s.serverName),
  getServerPort: reads('getServerPort', (s) => s.serverPort),
  getRemoteAddress: reads('getRemoteAddress', (s) => s.remoteAddress),
  getRemoteHost: reads('getRemoteHost', (s) => s.remoteAddress),
  getRemotePort: reads('getRemotePort', (s) => s.remotePort),
  getLocalAddress: reads('getLocalAddress', (s) => s.localAddress),
  getLocalName: reads('getLocalName', (s) => s.serverName),
  getLocalPort: reads('getLocalPort', (s) => s.localPort),
  getHeader: reads('getHeader', (s, [name]) => header(s, name)),
  getHeaders: reads('getHeaders', (s, [name]) => JSON.stringify(s.headers[String(name).toLowerCase()] ?? [])),
  getHeaderNames: reads('getHeaderNames', (s) => JSON.stringify(Object.keys(s.headers))),
  getCookies: reads('getCookies', (s) => {
    const parsed = parseCookie((s.headers['cookie'] ?? []).join('; '));
    return JSON.stringify(Object.entries(parsed).map(([name, value]) => ({ name, value: value ?? '' })));
  }),
  getContentType: reads('getContentType', (s) => header(s, 'content-type')),
  getContentLength: reads('getContentLength', (s) => (header(s, 'content-length') === null ? -1 : s.body.length)),
  getCharacterEncoding: reads('getCharacterEncoding', (s) => charsetOf(header(s, 'content-type'))),
  getLocale: reads('getLocale', (s) => (header(s, 'accept-language') ?? 'en').split(/[,;]/)[0]?.trim() || 'en'),
  getText: reads('getText', (s) => Buffer.from(s.body).toString('utf8')),
  getBytes: reads('getBytes', (s) => JSON.stringify([...s.body])),
  getParameter: reads('getParameter', (s, [name]) => parameters(s).get(String(name))?.[0] ?? null),
  getParameterValues: reads('getParameterValues', (s, [name]) => JSON.stringify(parameters(s).get(String(name)) ?? [])),
  getParameterNames: reads('getParameterNames', (s) => JSON.stringify([...parameters(s).keys()])),
  getParameters: reads('getParameters', (s) => JSON.stringify(Object.fromEntries(parameters(s)))),
  getAttribute: (context, [name]) => current(context, 'getAttribute').attributes.get(String(name)) ?? null,
  getAttributeNames: (context) => JSON.stringify([...current(context, 'getAttributeNames').attributes.keys()]),
  setAttribute: (context, [name, value]) => {
    const { attributes, attributeLedger } = current(context, 'setAttribute');
    const key = String(name);
    const text = String(value);
    attributeLedger.set('setAttribute', key, text);
    attributes.set(key, text);
    return undefined;
  },
  removeAttribute: (context, [name]) => {
    const { attributes, attributeLedger } = current(context, 'removeAttribute');
    attributeLedger.remove(String(name));
    attributes.delete(String(name));
    return undefined;
  },
};
