/**
 * Host half of `http/v4/request`: the incoming HTTP request as the script sees it. Scalars cross
 * as primitives; lists and maps as JSON text the guest wrapper parses.
 */
import { parseCookie } from 'cookie';
import type { Facade, FacadeFunction } from './context.js';
import { utf8HeaderText } from './header-text.js';
import { headerNamesAsSent, headerValues } from '../../common/request-headers.js';
import type { RequestSnapshot } from '../../common/snapshot.js';
import { javaLocaleText } from './java-locale.js';
import { preferredLocale } from './preferred-locale.js';
import { formParameters, multipartFieldParameters } from './form-parameters.js';
import { appendParameters } from './parameter-map.js';
import { javaAddressText, urlHostText } from '../../common/ip-address.js';

/** A facade function that reads one thing from the request snapshot. */
function reads(
  read: (snapshot: RequestSnapshot, args: readonly unknown[]) => string | number | boolean | null,
): FacadeFunction {
  return (context, args) => read(context.request, args);
}

const parameterCache = new WeakMap<RequestSnapshot, Map<string, string[]>>();

/**
 * Query-string parameters, then those of an `application/x-www-form-urlencoded` body or the form
 * fields of a `multipart/form-data` one (as a servlet container with multipart configuration).
 */
function parameters(snapshot: RequestSnapshot): Map<string, string[]> {
  let map = parameterCache.get(snapshot);
  if (map !== undefined) return map;
  map = appendParameters(new Map(), new URLSearchParams(queryString(snapshot) ?? ''));
  const contentType = header(snapshot, 'content-type');
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    // The body in its charset, as a servlet container reads it (the query string is UTF-8).
    appendParameters(map, formParameters(snapshot.body, charsetOf(contentType)));
  }
  if (snapshot.upload !== undefined) appendParameters(map, multipartFieldParameters(snapshot.upload));
  parameterCache.set(snapshot, map);
  return map;
}

/** Every value of the header `name` (any case), in the order sent; empty when there is none. */
function headerList(snapshot: RequestSnapshot, name: unknown): readonly string[] {
  return headerValues(snapshot.rawHeaders).get(String(name).toLowerCase()) ?? [];
}

function header(snapshot: RequestSnapshot, name: unknown): string | null {
  return headerList(snapshot, name)[0] ?? null;
}

/**
 * The `charset` parameter of a Content-Type value, unquoted (`charset="UTF-8"` is `UTF-8`, as a
 * servlet container answers), or `null`.
 */
export function charsetOf(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType ?? '');
  return match === null ? null : (match[1] ?? match[2] ?? null);
}

function queryString(snapshot: RequestSnapshot): string | null {
  const index = snapshot.url.indexOf('?');
  return index < 0 ? null : snapshot.url.slice(index + 1);
}

function requestUri(snapshot: RequestSnapshot): string {
  const index = snapshot.url.indexOf('?');
  return index < 0 ? snapshot.url : snapshot.url.slice(0, index);
}

/**
 * The request path after the context path, decoded: `/services/js/app.js/items`. Scripts live in
 * the root web application (context path `''`, or the app's mount point; servlet path `''`), so,
 * as in Dirigible's own API tests, the path info is the whole path after it
 * (docs/http-v4-request.md, "Paths").
 */
function pathInfo(snapshot: RequestSnapshot): string {
  const resource = snapshot.resourcePath === '' ? '' : `/${snapshot.resourcePath}`;
  return `${snapshot.contextPath}/${snapshot.scriptPath}${resource}`;
}

/**
 * The server name: the request's Host, or (a request without one, HTTP/1.0) the address it
 * arrived on, an IPv4-mapped one written as IPv4.
 */
function serverName(snapshot: RequestSnapshot): string {
  return javaAddressText(snapshot.serverName);
}

function hostPort(snapshot: RequestSnapshot): string {
  const defaultPort = snapshot.scheme === 'https' ? 443 : 80;
  const host = urlHostText(serverName(snapshot));
  return snapshot.serverPort === defaultPort ? host : `${host}:${snapshot.serverPort}`;
}

/** The request facade, by function name. */
export const requestFacade: Facade = {
  getMethod: reads((s) => s.method),
  getRemoteUser: reads((s) => s.user?.name ?? null),
  getAuthType: reads((s) => s.user?.authType ?? null),
  isUserInRole: reads((s, [role]) => s.user?.roles.includes(String(role)) ?? false),
  getPathInfo: reads(pathInfo),
  // The path info under the virtual web root `/`: a host path would tell the script where it runs.
  getPathTranslated: reads(pathInfo),
  getResourcePath: reads((s) => s.resourcePath),
  // Dirigible answers the servlet path here; in the root web application it is ''.
  getServicePath: reads(() => ''),
  // The root web application's '', or the path the embedding app mounted the runtime at.
  getContextPath: reads((s) => s.mountPath),
  getRequestURI: reads(requestUri),
  getRequestURL: reads((s) => `${s.scheme}://${hostPort(s)}${requestUri(s)}`),
  getQueryString: reads(queryString),
  getProtocol: reads((s) => s.protocol),
  getScheme: reads((s) => s.scheme),
  isSecure: reads((s) => s.secure),
  getServerName: reads(serverName),
  getServerPort: reads((s) => s.serverPort),
  getRemoteAddress: reads((s) => javaAddressText(s.remoteAddress)),
  getRemoteHost: reads((s) => javaAddressText(s.remoteAddress)),
  getRemotePort: reads((s) => s.remotePort),
  getLocalAddress: reads((s) => javaAddressText(s.localAddress)),
  getLocalName: reads(serverName),
  getLocalPort: reads((s) => s.localPort),
  getHeader: reads((s, [name]) => header(s, name)),
  getHeaders: reads((s, [name]) => JSON.stringify(headerList(s, name))),
  getHeaderNames: reads((s) => JSON.stringify(headerNamesAsSent(s.rawHeaders))),
  getCookies: reads((s) => {
    // Each cookie read as UTF-8 on its own: one Latin-1 byte in another cookie must not leave them all as Latin-1.
    const pairs = headerList(s, 'cookie').flatMap((value) => value.split(';'));
    const parsed = Object.entries(parseCookie(pairs.map(utf8HeaderText).join(';')));
    // Servlet getCookies(): null when the request has none, and Dirigible hands that null over.
    if (parsed.length === 0) return 'null';
    return JSON.stringify(parsed.map(([name, value]) => ({ name, value: value ?? '' })));
  }),
  getContentType: reads((s) => header(s, 'content-type')),
  getContentLength: reads((s) => (header(s, 'content-length') === null ? -1 : s.body.length)),
  getCharacterEncoding: reads((s) => charsetOf(header(s, 'content-type'))),
  // Dirigible hands over the servlet's Locale as Java writes it: de_CH.
  getLocale: reads((s) => javaLocaleText(preferredLocale(header(s, 'accept-language')))),
  getText: reads((s) => Buffer.from(s.body).toString('utf8')),
  getBytes: reads((s) => JSON.stringify([...s.body])),
  getParameter: reads((s, [name]) => parameters(s).get(String(name))?.[0] ?? null),
  // Servlet getParameterValues(): null for a parameter that was not sent, as Dirigible hands it over.
  getParameterValues: reads((s, [name]) => JSON.stringify(parameters(s).get(String(name)) ?? null)),
  getParameterNames: reads((s) => JSON.stringify([...parameters(s).keys()])),
  getParameters: reads((s) => JSON.stringify(Object.fromEntries(parameters(s)))),
  getAttribute: (context, [name]) => context.attributes.get(String(name)) ?? null,
  getAttributeNames: (context) => JSON.stringify([...context.attributes.keys()]),
  setAttribute: (context, [name, value]) => {
    const { attributes, attributeLedger } = context;
    const key = String(name);
    const text = String(value);
    attributeLedger.set('setAttribute', key, text);
    attributes.set(key, text);
    return undefined;
  },
  removeAttribute: (context, [name]) => {
    const { attributes, attributeLedger } = context;
    attributeLedger.remove(String(name));
    attributes.delete(String(name));
    return undefined;
  },
};
