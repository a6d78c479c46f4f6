/**
 * The caching headers of a script's response that names none: Dirigible's. Dirigible 10 serves
 * scripts behind Spring Security, whose default header writer adds these three to every response
 * that carries none of them (a 304 aside), so a browser keeps no copy of a page that shows a
 * session's data: after a logout, Back asks the server again instead of showing the logged-in page
 * from the cache. A script that wants its answer cached sets its own `Cache-Control` (or
 * `Expires`, or `Pragma`), and an app's middleware in front may set them too; either is kept.
 */

/** The headers, in the order Spring Security writes them. */
export const NO_CACHE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate'],
  ['Pragma', 'no-cache'],
  ['Expires', '0'],
];

const CACHING_HEADERS: ReadonlySet<string> = new Set(['cache-control', 'pragma', 'expires']);

/** True for `Cache-Control`, `Pragma` and `Expires` (case-insensitive): any of them keeps the defaults out. */
export function isCachingHeader(name: string): boolean {
  return name.length <= 13 && CACHING_HEADERS.has(name.toLowerCase());
}

/**
 * True when a response of `status` gets the defaults: any but a 304, whose headers update the
 * copy the browser revalidated (a `no-store` there would throw that copy away).
 */
export function takesCacheDefaults(status: number): boolean {
  return status !== 304;
}
