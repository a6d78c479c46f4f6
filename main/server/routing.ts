/**
 * Maps `/services/js/<path under root>` to a script. The script is the first `.js` or `.mjs`
 * segment; text after it is the resource path. Anything that would leave the root is not found.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where scripts are mounted. */
export const SCRIPT_PREFIX = '/services/js/';

export interface ScriptRoute {
  /** Path under the root with `/` separators, e.g. `app/list.js`. */
  script: string;
  /** Text after the script segment, without the leading `/`. */
  resourcePath: string;
}

/** The route of a request path, or `undefined` when it is not a script URL. */
export function routeScript(urlPath: string): ScriptRoute | undefined {
  if (!urlPath.startsWith(SCRIPT_PREFIX)) return undefined;
  let segments: string[];
  try {
    segments = urlPath
      .slice(SCRIPT_PREFIX.length)
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

/** The script file under `root` (a real path, never outside it) with its mtime, or `undefined`. */
export function findScript(root: string, script: string): { file: string; mtimeMs: number } | undefined {
  const file = path.join(root, ...script.split('/'));
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return undefined;
    const real = realpathSync(file);
    return real.startsWith(root + path.sep) ? { file: real, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}
