/**
 * Maps `/services/js/<path under root>` to a script. The script is the first `.js` or `.mjs`
 * segment; text after it is the resource path. Anything that would leave the root is not found.
 */
import { SCRIPT_URL_PREFIX } from '../../common/mount-point.js';

export interface ScriptRoute {
  /** Path under the root with `/` separators, e.g. `app/list.js`. */
  script: string;
  /** Text after the script segment, without the leading `/`. */
  resourcePath: string;
}

/** The route of a request path, or `undefined` when it is not a script URL. */
export function routeScript(urlPath: string): ScriptRoute | undefined {
  if (!urlPath.startsWith(SCRIPT_URL_PREFIX)) return undefined;
  let segments: string[];
  try {
    segments = urlPath
      .slice(SCRIPT_URL_PREFIX.length)
      .split('/')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  const index = segments.findIndex((segment) => segment.endsWith('.js') || segment.endsWith('.mjs'));
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
  return { script: scriptSegments.join('/'), resourcePath: segments.slice(index + 1).join('/') };
}
