/**
 * Resolves `require()` for scripts: the API modules by id, and JavaScript files under the script
 * root by relative or root-relative path. Nothing else: not Node built-ins, not absolute paths or
 * URLs, not a path (or a symlink) that leads outside the root. Module ids are root-relative, so no
 * host path ever appears in a message or stack trace.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleNotFoundError } from '../../common/errors.js';

/** Directory of the guest modules shipped with this package. */
export const guestModulesDir = fileURLToPath(new URL('../../../http/', import.meta.url));

/** API module id to its file under `guestModulesDir`. */
export const apiModules: ReadonlyMap<string, string> = new Map([
  ['http/v4/session', 'v4/session.js'],
  ['http/v4/request', 'v4/request.js'],
  ['http/v4/response', 'v4/response.js'],
  ['http/v3/session', 'v3/session.js'],
  ['http/v3/request', 'v3/request.js'],
  ['http/v3/response', 'v3/response.js'],
  ['http/session', 'session.js'],
  ['http/request', 'request.js'],
  ['http/response', 'response.js'],
  ['net/http/session', 'v2/session.js'],
  ['net/http/request', 'v2/request.js'],
  ['net/http/response', 'v2/response.js'],
  // The REST framework (issue 11): the module under each of Dirigible's names, its parts, the decorators.
  ['http/v4/rs', 'v4/rs.js'],
  ['http/v3/rs', 'v3/rs.js'],
  ['http/rs', 'rs.js'],
  ...['http-controller', 'resource-mappings', 'resource', 'resource-method', 'dispatch', 'path-template']
    .concat(['media-types', 'query-parameters', 'definition-error', 'handler-objects', 'decorators'])
    .map((name): [string, string] => [`http/rs/${name}`, `rs/${name}.js`]),
]);

/** A resolved module. */
export interface ResolvedModule {
  /** API module id, or the path under the root with `/` separators. */
  id: string;
  api: boolean;
  file: string;
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

export class ModuleLoader {
  readonly #root: string;
  readonly #sources = new Map<string, { mtimeMs: number; source: string }>();

  /** @param root the script root; resolved to its real path once */
  constructor(root: string) {
    this.#root = realpathSync(root);
  }

  /**
   * Resolves `specifier` as required from module `fromId`; throws `ERR_MODULE_NOT_FOUND` with a
   * message that starts with `verb` (`require`, or `import` for ES modules).
   */
  resolve(fromId: string, specifier: string, verb = 'require'): ResolvedModule {
    const apiFile = apiModules.get(specifier);
    if (apiFile !== undefined) return { id: specifier, api: true, file: path.join(guestModulesDir, apiFile) };
    if (builtins.has(specifier) || specifier === 'process') {
      throw new ModuleNotFoundError(
        `${verb}: module "${specifier}" is not available to scripts; they may ${verb} the API modules (${[...apiModules.keys()].join(', ')}) and files under the script root`,
      );
    }
    if (
      specifier === '' ||
      specifier.startsWith('/') ||
      specifier.includes('\\') ||
      specifier.includes(':') ||
      specifier.includes('\0')
    ) {
      throw new ModuleNotFoundError(
        `${verb}: "${specifier}" is not allowed; use a path relative to the script or to the script root`,
      );
    }
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && apiModules.has(fromId)) throw new ModuleNotFoundError(`${verb}: cannot find module "${specifier}"`);
    const base = relative ? path.posix.dirname(fromId) : '.';
    const id = path.posix.normalize(path.posix.join(base, specifier));
    if (id === '..' || id.startsWith('../'))
      throw new ModuleNotFoundError(`${verb}: "${specifier}" is outside the script root`);
    for (const candidate of [id, `${id}.js`, `${id}/index.js`]) {
      const file = this.fileUnderRoot(candidate);
      if (file !== undefined) return { id: candidate, api: false, file };
    }
    throw new ModuleNotFoundError(`${verb}: cannot find module "${specifier}"`);
  }

  /** Absolute path of `id` when it is a regular file really under the root, else `undefined`. */
  fileUnderRoot(id: string): string | undefined {
    const file = path.join(this.#root, ...id.split('/'));
    try {
      if (!statSync(file).isFile()) return undefined;
      const real = realpathSync(file);
      return real.startsWith(this.#root + path.sep) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  /** Source text of a resolved module, re-read when the file changed. */
  source(module: ResolvedModule): string {
    const mtimeMs = statSync(module.file).mtimeMs;
    const cached = this.#sources.get(module.file);
    if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.source;
    const source = readFileSync(module.file, 'utf8');
    this.#sources.set(module.file, { mtimeMs, source });
    return source;
  }
}
