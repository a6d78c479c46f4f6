/**
 * Where an embedding app mounted the runtime. `app.use('/scripts', runtime.handler)` in Express
 * (or Connect) strips `/scripts` from `req.url` before the runtime sees it and keeps the URL the
 * client sent in `req.originalUrl`; the stripped part is, in servlet terms, the scripts' context
 * path (`request.getContextPath()`), and belongs in `getRequestURI()` and `getRequestURL()`.
 */
import type { IncomingMessage } from 'node:http';

/** What Express and Connect leave on a request they route. */
interface RoutedRequest extends IncomingMessage {
  originalUrl?: unknown;
}

/**
 * The path an app mounted the runtime at, as the client sent it (not decoded), without a trailing
 * slash: `'/scripts'` for `app.use('/scripts', runtime.handler)`; `''` at the root, with plain
 * `http`, or when middleware rewrote `req.url` into something that is no longer the end of the
 * original URL.
 * @example mountPrefix({ url: '/services/js/a.js?x=1', originalUrl: '/scripts/services/js/a.js?x=1' }) // '/scripts'
 */
export function mountPrefix(request: IncomingMessage): string {
  const { originalUrl } = request as RoutedRequest;
  if (typeof originalUrl !== 'string' || request.url === undefined || originalUrl === request.url) return '';
  const original = pathOf(originalUrl);
  const path = pathOf(request.url);
  if (original.length <= path.length || !original.endsWith(path)) return '';
  const prefix = original.slice(0, original.length - path.length);
  return prefix.startsWith('/') && !prefix.endsWith('/') ? prefix : '';
}

function pathOf(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? url : url.slice(0, index);
}
