/**
 * Where scripts are mounted: `/services/js`, Dirigible's URL of JavaScript services, `/services/ts`,
 * its URL of TypeScript services, and `/services/v4/js` and `/services/v3/js`, the URLs of
 * Dirigible 3 to 7 that those releases' pages still call (any script is served under each). A
 * script at `app/list.js` under the root answers `/services/js/app/list.js`; the mount a request
 * came through begins its path info (`request.getPathInfo()`, scripts living in the root web
 * application).
 */

/** The context path of scripts, without a trailing slash. */
export const SCRIPTS_BASE_PATH = '/services/js';

/** The start of every script URL: the context path and its slash. */
export const SCRIPT_URL_PREFIX = `${SCRIPTS_BASE_PATH}/`;

/**
 * The start of every URL scripts answer under, each with its slash: `SCRIPT_URL_PREFIX` first (the
 * one requests use most), Dirigible's TypeScript mount, then Dirigible 4 to 7's and Dirigible 3's.
 */
export const SCRIPT_URL_PREFIXES: readonly string[] = [
  SCRIPT_URL_PREFIX,
  '/services/ts/',
  '/services/v4/js/',
  '/services/v3/js/',
];

/** The script mount `urlPath` is under, with its slash (one of `SCRIPT_URL_PREFIXES`), or `undefined`. */
export function scriptUrlPrefixOf(urlPath: string): string | undefined {
  for (const prefix of SCRIPT_URL_PREFIXES) if (urlPath.startsWith(prefix)) return prefix;
  return undefined;
}

/** True when `urlPath` is under a script mount. */
export function isScriptPath(urlPath: string): boolean {
  return scriptUrlPrefixOf(urlPath) !== undefined;
}
