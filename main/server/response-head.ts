/**
 * The head of a script's response: its status, the script's headers (less those that frame the
 * message, which are the runtime's), the session cookies, a default `Content-Type` (and the charset
 * of a `text/*` type that names none), Dirigible's no-cache headers when nothing named its caching
 * (cache-headers.ts), the `Content-Length`, and the request id.
 *
 * On the runtime's own server (`listen`), whose responses are `RuntimeResponse`s that nothing else
 * touches (runtime-response.ts), the head goes to Node as one flat list in `writeHead`, which
 * writes it as it is: no per-header `setHeader` (lower-casing, a header object, validation twice). A response of an
 * embedder's server or of Express gets the headers one by one: theirs are kept unless the script
 * sets one of the same name, and their middleware can still read ours (`res.getHeader('content-length')`,
 * as morgan does).
 */
import type { ServerResponse } from 'node:http';
import { isFramingHeader } from '../../common/framing-headers.js';
import { REQUEST_ID_HEADER } from '../ops/request-log.js';
import { isCachingHeader, NO_CACHE_HEADERS, takesCacheDefaults } from './cache-headers.js';
import { RuntimeResponse } from './runtime-response.js';

const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * The `Content-Type` sent for the `type` a script set: a `text/*` type without a `charset` gets
 * `; charset=utf-8`, the encoding its text was written in (`response.print` writes UTF-8 and
 * `getCharacterEncoding()` answers `UTF-8`). Without it a browser decodes `text/html` and
 * `text/plain` as windows-1252 (WHATWG Encoding's default), shows `GrÃ¼ÃŸe` for `Grüße`, and
 * posts the page's forms in windows-1252. Any other type, or one with a charset, is kept as set.
 *
 * @example sentContentType('text/html') // 'text/html; charset=utf-8'
 */
export function sentContentType(type: string): string {
  return /^\s*text\//i.test(type) && !/;\s*charset\s*=/i.test(type) ? `${type}; charset=utf-8` : type;
}

function isContentType(name: string): boolean {
  return name.length === 12 && name.toLowerCase() === 'content-type';
}

/** True for the statuses whose responses never have a body, 204 and 304: they get no `Content-Length`. */
export function hasNoBody(status: number): boolean {
  return status === 204 || status === 304;
}

/** The body of a response that has none. */
export const EMPTY_BODY = new Uint8Array(0);

/** What the head of a script's response is made of. */
export interface ResponseHead {
  status: number;
  /** The script's headers, in the order it set them. */
  headers: ReadonlyArray<readonly [string, string]>;
  /** The session's `Set-Cookie` headers. */
  cookies: ReadonlyArray<readonly [string, string]>;
  bodyLength: number;
  requestId: string;
}

/**
 * Writes the head: `X-Request-Id`, the script's headers (a `text/*` type with its charset, see
 * `sentContentType`), then the cookies; a `Content-Type` of plain text when the script set none
 * and there is a body; `NO_CACHE_HEADERS` when no header named the caching (but on a 304); the
 * `Content-Length` (none for a 204 or 304, see `hasNoBody`).
 */
export function writeResponseHead(response: ServerResponse, head: ResponseHead): void {
  if (!(response instanceof RuntimeResponse) || response.getHeaderNames().length > 0) {
    addHeaders(response, head);
    return;
  }
  const { status, headers, cookies, bodyLength, requestId } = head;
  const list: string[] = [REQUEST_ID_HEADER, requestId];
  let typed = false;
  let cached = false;
  for (const [name, value] of headers) {
    if (isFramingHeader(name)) continue;
    if (isContentType(name)) {
      typed = true;
      list.push(name, sentContentType(value));
    } else {
      if (isCachingHeader(name)) cached = true;
      list.push(name, value);
    }
  }
  for (const [name, value] of cookies) list.push(name, value);
  if (!typed && bodyLength > 0) list.push('Content-Type', DEFAULT_CONTENT_TYPE);
  if (!cached && takesCacheDefaults(status)) for (const [name, value] of NO_CACHE_HEADERS) list.push(name, value);
  if (!hasNoBody(status)) list.push('Content-Length', String(bodyLength));
  response.writeHead(status, list);
}

/**
 * Header names whose values from the app's middleware and from the script add up: cookies, and
 * `Vary` (cors's `Origin` must stay next to a script's `Cookie`, or caches mix the origins' answers).
 */
const MERGED_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'vary']);

/**
 * The same head, header by header, next to the headers the app's middleware already set. A script
 * header replaces the middleware's of the same name, as a servlet's `setHeader` replaces what a
 * filter in front set: helmet's `X-Frame-Options: SAMEORIGIN` and a script's `DENY` would otherwise
 * both be sent, and browsers refuse two `Access-Control-Allow-Origin`s. The script's own repeated
 * values are all kept, and `MERGED_HEADERS` add up.
 */
function addHeaders(response: ServerResponse, { status, headers, cookies, bodyLength, requestId }: ResponseHead): void {
  response.statusCode = status;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  const written = new Set<string>();
  for (const [name, value] of headers) {
    if (isFramingHeader(name)) continue;
    const lower = name.toLowerCase();
    if (!written.has(lower)) {
      written.add(lower);
      if (!MERGED_HEADERS.has(lower)) response.removeHeader(lower);
    }
    response.appendHeader(name, isContentType(name) ? sentContentType(value) : value);
  }
  for (const [name, value] of cookies) response.appendHeader(name, value);
  if (!response.hasHeader('content-type') && bodyLength > 0) response.setHeader('Content-Type', DEFAULT_CONTENT_TYPE);
  if (takesCacheDefaults(status) && !response.getHeaderNames().some(isCachingHeader))
    for (const [name, value] of NO_CACHE_HEADERS) response.setHeader(name, value);
  if (!hasNoBody(status)) response.setHeader('Content-Length', bodyLength);
}
