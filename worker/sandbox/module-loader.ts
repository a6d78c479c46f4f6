/**
 * Resolves `require()` and `import` for scripts: the API modules by any of their names (one table,
 * module-names.ts), and files under the script root by relative or root-relative path (`./util`,
 * `myproject/lib/util`), trying the name as given (a `.js` name also as the `.ts` file beside it,
 * as Dirigible 10 compiles `x.ts` to `x.js`), then with `.js`, `.mjs`, `.ts`, then as a folder's
 * `index.js` / `index.ts`. Nothing else: not Node built-ins, not absolute paths or URLs,
 * not a path (or a symlink) that leads outside the root. Module ids are root-relative, so no host
 * path ever appears in a message or stack trace.
 *
 * It also reads sources, cached by modification time: TypeScript is transpiled once per change
 * (typescript.ts; a file it refuses is refused again without a second try until it changes: a
 * file that crashes the compiler costs seconds of CPU outside the script's limits), and whether a file is an ES module is decided once per change (module-kind.ts).
 * A transpiled module's position map stays beside its code, found by module id (`positionsOf`).
 * The sources are kept for at most `SourceLimits.files` files and `SourceLimits.chars` characters
 * in all; past either the memory starts over (each file is read again when next asked for): files
 * deleted or renamed are never asked for again, and a root whose scripts are deployed under new
 * names (`v1.js`, `v2.js` …) grew a worker by every version it ever served (100 KB files: 260 MB
 * after 2,500 versions, on and on).
 */
import { readFileSync, statSync } from 'node:fs';
import { rememberWithin } from '../../common/bounded-memory.js';
import { ScriptRoot } from '../../common/script-root.js';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { ModuleNotFoundError, ScriptSyntaxError } from '../../common/errors.js';
import { isEsModuleSource } from './module-kind.js';
import { apiModuleNames, apiModuleTable, canonicalModuleId, guestModulesDir } from './module-names.js';
import type { PositionMap } from './position-map.js';
import { isTypeScript, transpileTypeScript } from './typescript.js';

export { guestModulesDir };

/** A resolved module. */
export interface ResolvedModule {
  /** Canonical API module id, or the path under the root with `/` separators. */
  id: string;
  api: boolean;
  file: string;
  /** The file's modification time when it was resolved, so reading it needs no second `stat`. */
  mtimeMs?: number;
}

/** A file's JavaScript, as of one modification time. */
interface LoadedSource {
  mtimeMs: number;
  source: string;
  esModule: boolean;
  /** A TypeScript file's position map (see typescript.ts). */
  positions: PositionMap | undefined;
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/** Most module ids whose position maps are kept (see `ModuleLoader.positionsOf`). */
export const MAX_POSITION_IDS = 10_000;
/** How much source text a loader keeps (see the file's doc comment). */
export interface SourceLimits {
  /** Most files whose sources are kept. */
  files: number;
  /** Most characters of source kept in all (one-byte text: about as many bytes). */
  chars: number;
}

/** The limits of a worker's loader: as many files as the other per-script memories, 64 Mi characters. */
export const SOURCE_LIMITS: Readonly<SourceLimits> = { files: 10_000, chars: 64 * 1024 * 1024 };
/** Suffixes tried, in order, after the name as given. */
const candidateSuffixes = ['.js', '.mjs', '.ts', '/index.js', '/index.mjs', '/index.ts'];

export class ModuleLoader {
  readonly #root: ScriptRoot;
  readonly #sources = new Map<string, LoadedSource>();
  readonly #limits: Readonly<SourceLimits>;
  /** Characters of the sources in `#sources`. */
  #sourceChars = 0;
  /** The position map of each TypeScript module loaded, by module id: that of the version loaded last. */
  readonly #positions = new Map<string, PositionMap>();
  /** TypeScript files the compiler refused, by file, with the modification time it refused. */
  readonly #refused = new Map<string, { mtimeMs: number; error: ScriptSyntaxError }>();

  /** @param root the script root; resolved to its real path once; @param limits how much source text is kept */
  constructor(root: string, limits: Readonly<SourceLimits> = SOURCE_LIMITS) {
    this.#root = new ScriptRoot(root);
    this.#limits = limits;
  }

  /** How many files' sources are kept (for tests and monitoring). */
  get sourcesKept(): number {
    return this.#sources.size;
  }

  /**
   * Resolves `specifier` as required from module `fromId`; throws `ERR_MODULE_NOT_FOUND` with a
   * message that starts with `verb` (`require`, or `import` for ES modules) and, for a module that
   * is not there, names `fromId`.
   */
  resolve(fromId: string, specifier: string, verb = 'require'): ResolvedModule {
    const apiId = canonicalModuleId(specifier);
    const row = apiId === undefined ? undefined : apiModuleTable.get(apiId);
    if (apiId !== undefined && row !== undefined)
      return { id: apiId, api: true, file: path.join(guestModulesDir, row.file) };
    if (builtins.has(specifier) || specifier === 'process') {
      throw new ModuleNotFoundError(
        `${verb}: module "${specifier}" is not available to scripts; they may ${verb} the API modules (${apiModuleNames().join(', ')}) and files under the script root`,
      );
    }
    // One leading slash names a path from the root, as Dirigible resolves
    // `/project/lib/util` from its registry: confined to the root like any other path.
    const fromRoot = /^\/[^/]/.test(specifier);
    const underRoot = fromRoot ? specifier.slice(1) : specifier;
    if (
      underRoot === '' ||
      underRoot.startsWith('/') ||
      specifier.includes('\\') ||
      specifier.includes(':') ||
      specifier.includes('\0')
    ) {
      throw new ModuleNotFoundError(
        `${verb}: "${specifier}" is not allowed; use a path relative to the script or to the script root`,
      );
    }
    const relative = !fromRoot && (specifier.startsWith('./') || specifier.startsWith('../'));
    if (relative && canonicalModuleId(fromId) !== undefined)
      throw new ModuleNotFoundError(`${verb}: cannot find module "${specifier}" from ${fromId}`);
    const base = relative ? path.posix.dirname(fromId) : '.';
    const id = path.posix.normalize(path.posix.join(base, underRoot));
    if (id === '..' || id.startsWith('../'))
      throw new ModuleNotFoundError(`${verb}: "${specifier}" is outside the script root`);
    const typescript = id.endsWith('.js') ? [`${id.slice(0, -'.js'.length)}.ts`] : [];
    for (const candidate of [id, ...typescript, ...candidateSuffixes.map((suffix) => id + suffix)]) {
      const module = this.script(candidate);
      if (module !== undefined) return module;
    }
    // Named with the module that asked (a path under the root, never a host path): in a project
    // of many files, the specifier alone does not say which import to fix. The global require()
    // of an ES module asks from the root (no module).
    throw new ModuleNotFoundError(`${verb}: cannot find module "${specifier}" from ${fromId || 'the script root'}`);
  }

  /** The module of the file `id` when it is a regular file really under the root, else `undefined`. */
  script(id: string): ResolvedModule | undefined {
    const found = this.#root.find(id);
    return found === undefined ? undefined : { id, api: false, file: found.file, mtimeMs: found.mtimeMs };
  }

  /** JavaScript source of a resolved module (TypeScript transpiled), re-read when the file changed. */
  source(module: ResolvedModule): string {
    return this.#load(module).source;
  }

  /**
   * The position map of module `id` as last loaded (see `SourcePositions`), when it is a
   * TypeScript module.
   */
  positionsOf(id: string): PositionMap | undefined {
    return this.#positions.get(id);
  }

  /** True when the module is an ES module (module-kind.ts); API modules never are. */
  isEsModule(module: ResolvedModule): boolean {
    return !module.api && this.#load(module).esModule;
  }

  /**
   * The source of `module`, read again when the file changed since it was resolved (or, without
   * that time, since it was read). API modules ship with this package and are read once.
   */
  #load(module: ResolvedModule): LoadedSource {
    const cached = this.#sources.get(module.file);
    if (cached !== undefined && module.api) return cached;
    const mtimeMs = module.mtimeMs ?? statSync(module.file).mtimeMs;
    const loaded = cached !== undefined && cached.mtimeMs === mtimeMs ? cached : this.#read(module, mtimeMs);
    // By id: two ids may lead to one file (a symbolic link), and the cache is by file.
    if (loaded.positions !== undefined) this.#rememberPositions(module.id, loaded.positions);
    return loaded;
  }

  /**
   * Keeps the position map of module `id`. A symlink loop in the root (`self -> .`) gives one file
   * endless ids (`self/a.ts`, `self/self/a.ts` …), so past `MAX_POSITION_IDS` ids the oldest goes.
   */
  #rememberPositions(id: string, positions: PositionMap): void {
    if (this.#positions.get(id) === positions) return;
    if (this.#positions.size >= MAX_POSITION_IDS && !this.#positions.has(id)) {
      for (const oldest of this.#positions.keys()) {
        this.#positions.delete(oldest);
        break;
      }
    }
    this.#positions.set(id, positions);
  }

  /** Reads (and transpiles) the file of `module` as of `mtimeMs` into the cache. */
  #read(module: ResolvedModule, mtimeMs: number): LoadedSource {
    // A file the compiler refused never reaches the cache: it is refused here again, unread.
    const refused = this.#refused.get(module.file);
    if (refused !== undefined && refused.mtimeMs === mtimeMs) throw refused.error;
    const text = readFileSync(module.file, 'utf8');
    const transpiled = isTypeScript(module.id) ? this.#transpile(module, text, mtimeMs) : undefined;
    const source = transpiled === undefined ? text : transpiled.code;
    const loaded = {
      mtimeMs,
      source,
      esModule: !module.api && isEsModuleSource(module.id, source),
      positions: transpiled?.positions,
    };
    this.#keep(module.file, loaded);
    return loaded;
  }

  /** Keeps the source of `file`, first forgetting every source when it would pass the limits. */
  #keep(file: string, loaded: LoadedSource): void {
    const replaced = this.#sources.get(file);
    if (replaced !== undefined) this.#sourceChars -= replaced.source.length;
    const full =
      (replaced === undefined && this.#sources.size >= this.#limits.files) ||
      this.#sourceChars + loaded.source.length > this.#limits.chars;
    if (full) {
      this.#sources.clear();
      this.#refused.clear();
      this.#sourceChars = 0;
    }
    this.#sources.set(file, loaded);
    this.#sourceChars += loaded.source.length;
  }

  /** The TypeScript `text` of `module` transpiled; a refusal is remembered for `mtimeMs`. */
  #transpile(module: ResolvedModule, text: string, mtimeMs: number): ReturnType<typeof transpileTypeScript> {
    try {
      const transpiled = transpileTypeScript(module.id, text);
      this.#refused.delete(module.file);
      return transpiled;
    } catch (error) {
      if (error instanceof ScriptSyntaxError)
        rememberWithin(this.#refused, module.file, { mtimeMs, error }, this.#limits.files);
      throw error;
    }
  }
}
