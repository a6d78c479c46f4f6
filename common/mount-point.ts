/**
 * Where scripts are mounted: `/services/js`, Dirigible's URL of JavaScript services, and
 * `/services/ts`, its URL of TypeScript services (any script is served under either). A script at
 * `app/list.js` under the root answers `/services/js/app/list.js`; the mount point is every
 * script's context path (`request.getContextPath()`, `ServletContext.getContextPath()`).
 */

/** The context path of scripts, without a trailing slash. */
export const SCRIPTS_BASE_PATH = '/services/js';

/** The start of every script URL: the context path and its slash. */
export const SCRIPT_URL_PREFIX = `${SCRIPTS_BASE_PATH}/`;

/** Where Dirigible mounts TypeScript services; any script is served under it too. */
export const TYPESCRIPT_URL_PREFIX = '/services/ts/';

/** True when `urlPath` is under a script mount. */
export function isScriptPath(urlPath: string): boolean {
  return urlPath.startsWith(SCRIPT_URL_PREFIX) || urlPath.startsWith(TYPESCRIPT_URL_PREFIX);
}
