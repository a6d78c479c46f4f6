/**
 * Maps `/services/js/<path under root>` (and the other mounts of `SCRIPT_URL_PREFIXES`:
 * `/services/ts/<path>`, Dirigible's TypeScript mount, `/services/v4/js/<path>` and
 * `/services/v3/js/<path>`, older Dirigibles') to a script. The script is the first `.js`, `.mjs` or `.ts` segment; text after it is the
 * resource path. Anything that would leave the root is not found.
 */
import { rememberWithin } from '../../common/bounded-memory.js';
import { scriptUrlPrefixOf } from '../../common/mount-point.js';

export interface ScriptRoute {
  /** The mount the request came through, e.g. `/services/js` or `/services/ts`. */
  mount: string;
  /** Path under the root with `/` separators, e.g. `app/list.js`. */
  script: string;
  /** Text after the script segment, without the leading `/`. */
  resourcePath: string;
}

/** The route of a request path, or `undefined` when it is not a script URL. */
export function routeScript(urlPath: string): ScriptRoute | undefined {
  const prefix = scriptUrlPrefixOf(urlPath);
  if (prefix === undefined) return undefined;
  let segments: string[];
  try {
    segments = urlPath
      .slice(prefix.length)
      .split('/')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  const index = segments.findIndex((segment) => /\.(js|mjs|ts)$/.test(segment));
  if (index < 0) return undefined;
  const scriptSegments = segments.slice(0, index + 1);
  if (
    scriptSegments.some(
      (segment) =>
        segment === '' || segment === '.' || segment === '..' || /[\\\0]/.test(segment) || segment.includes('/'),
    )
  ) {
    return undefined;
  }
  return {
    mount: prefix.slice(0, -1),
    script: scriptSegments.join('/'),
    resourcePath: segments.slice(index + 1).join('/'),
  };
}

/** Most paths `RecentRoutes` remembers; past it, it starts over. */
const RECENT_ROUTES_LIMIT = 1000;
/** Longer paths are routed every time, not remembered (the memory stays small whatever clients send). */
const RECENT_ROUTE_MAX_PATH = 256;

/**
 * `routeScript` for the paths requested lately: script URLs repeat, and routing decodes and checks
 * every segment. The routes given are frozen, since requests share them.
 */
export class RecentRoutes {
  readonly #routes = new Map<string, Readonly<ScriptRoute> | undefined>();

  route(urlPath: string): Readonly<ScriptRoute> | undefined {
    const known = this.#routes.get(urlPath);
    if (known !== undefined || this.#routes.has(urlPath)) return known;
    const route = routeScript(urlPath);
    const shared = route === undefined ? undefined : Object.freeze(route);
    if (urlPath.length <= RECENT_ROUTE_MAX_PATH) {
      rememberWithin(this.#routes, urlPath, shared, RECENT_ROUTES_LIMIT);
    }
    return shared;
  }
}
