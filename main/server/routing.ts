/**
 * Maps `/services/js/<path under root>` (and `/services/ts/<path>`, Dirigible's TypeScript mount)
 * to a script. The script is the first `.js`, `.mjs` or `.ts` segment; text after it is the
 * resource path. Anything that would leave the root is not found.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where scripts are mounted. */
export const SCRIPT_PREFIX = '/services/js/';
/** Where Dirigible mounts TypeScript services; any script is served under it too. */
export const TYPESCRIPT_PREFIX = '/services/ts/';

/** True when `urlPath` is under a script mount. */
export function isScriptPath(urlPath: string): boolean {
  return urlPath.startsWith(SCRIPT_PREFIX) || urlPath.startsWith(TYPESCRIPT_PREFIX);
}

export interface ScriptRoute {
  /** The mount the request came through, `/services/js` or `/services/ts`. */
  mount: string;
  /** Path under the root with `/` separators, e.g. `app/list.js`. */
  script: string;
  /** Text after the script segment, without the leading `/`. */
  resourcePath: string;
}

/** The route of a request path, or `undefined` when it is not a script URL. */
export function routeScript(urlPath: string): ScriptRoute | undefined {
  if (!isScriptPath(urlPath)) return undefined;
  let segments: string[];
  try {
    segments = urlPath
      .slice(SCRIPT_PREFIX.length)
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
    mount: urlPath.slice(0, SCRIPT_PREFIX.length - 1),
    script: scriptSegments.join('/'),
    resourcePath: segments.slice(index + 1).join('/'),
  };
}

/**
 * The script file under `root` (a real path, never outside it) with its mtime, or `undefined`. A
 * `.js` script that does not exist is served from the `.ts` file beside it, as Dirigible 10 serves
 * a TypeScript file at `/services/js/<path>.js`; `script` then names that file.
 */
export function findScript(
  root: string,
  script: string,
): { file: string; mtimeMs: number; script?: string } | undefined {
  const found = scriptFile(root, script);
  if (found !== undefined || !script.endsWith('.js')) return found;
  const typescript = `${script.slice(0, -'.js'.length)}.ts`;
  const sibling = scriptFile(root, typescript);
  return sibling === undefined ? undefined : { ...sibling, script: typescript };
}

function scriptFile(root: string, script: string): { file: string; mtimeMs: number } | undefined {
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
