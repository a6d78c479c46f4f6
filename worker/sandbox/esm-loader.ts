/**
 * Runs ES module scripts with isolated-vm's module API: `.mjs` files, and `.js` / `.ts` files with
 * module syntax (module-kind.ts).
 *
 * For every request the script and the files it imports are compiled, linked and evaluated
 * afresh, so module state lives for one request, as with `require()`'s per-request cache. They
 * may import the API modules under any of their names (shared per context, see esm-api.ts) and
 * files under the root by a path relative to the importing file or to the root
 * (`myproject/lib/util`), with ModuleLoader's rules: no built-ins, no absolute paths, nothing
 * outside the root. An imported CommonJS file runs when the graph is linked, in the request's
 * module cache, and its `module.exports` is the default export (its properties also by name).
 * Every import is resolved before linking (see esm-link.ts).
 */
import type ivm from 'isolated-vm';
import { ApiModuleSet, isApiModule, type ApiContext } from './esm-api.js';
import { instantiate } from './esm-link.js';
import { ModuleNotFoundError } from '../../common/errors.js';
import { describeGuestFailure, isLimit, takeLastCodedError } from './guest-failure.js';
import type { ModuleLoader, ResolvedModule } from './module-loader.js';
import { type KernelOutcome, PENDING } from './sandbox-context.js';
import type { SourcePositions } from './source-positions.js';

export class EsModuleRunner {
  readonly #loader: ModuleLoader;
  readonly #positions: SourcePositions;
  readonly #apis = new WeakMap<ivm.Context, ApiModuleSet>();

  /** @param positions points a TypeScript module's compile error at its source */
  constructor(loader: ModuleLoader, positions: SourcePositions) {
    this.#loader = loader;
    this.#positions = positions;
  }

  /**
   * Runs the ES module script `main` (found under the root by the caller) in `target` with a time
   * limit of `timeout` ms. Returns the description of the script's uncaught error as JSON text,
   * `undefined` when it completed, or `PENDING` when it is still awaiting at top level (the
   * contract of the kernel's `run`; the host's deadline then ends it). A timeout or a disposed
   * isolate is thrown for the host.
   */
  run(target: ApiContext, main: ResolvedModule, timeout: number): KernelOutcome {
    const graph = new Map<string, ivm.Module>();
    const links = new Map<ivm.Module, Map<string, ivm.Module>>();
    try {
      takeLastCodedError(target);
      target.kernelFunction('resetModules').applySync(undefined, []);
      const mainModule = this.#compile(target, main, graph, links, timeout);
      // A module importing the script runs its own body only once the script's top-level awaits
      // are done: its `done` binding tells whether the script finished or still awaits.
      const completion = target.isolate.compileModuleSync(
        `import ${JSON.stringify(main.id)};\nexport const done = true;\n`,
        { filename: 'completion' },
      );
      graph.set('\0completion', completion);
      links.set(completion, new Map([[main.id, mainModule]]));
      try {
        instantiate(target.isolate, target.context, completion, links);
      } catch (error) {
        throw madeByHost(error);
      }
      completion.evaluateSync({ timeout });
      return finished(completion) ? undefined : PENDING;
    } catch (error) {
      if (isLimit(target, error)) throw error;
      const withStack = !(error instanceof Error && hostMade.has(error));
      return JSON.stringify(describeGuestFailure(error, takeLastCodedError(target), withStack));
    } finally {
      for (const module of graph.values()) module.release();
    }
  }

  /** Compiles `resolved` and, depth first, every module it imports; records what each import links to. */
  #compile(
    target: ApiContext,
    resolved: ResolvedModule,
    graph: Map<string, ivm.Module>,
    links: Map<ivm.Module, Map<string, ivm.Module>>,
    timeout: number,
  ): ivm.Module {
    const known = graph.get(resolved.id);
    if (known !== undefined) return known;
    if (graph.size > 0 && !this.#loader.isEsModule(resolved)) {
      const commonJs = this.#apiModules(target).commonJs(resolved.id, timeout);
      graph.set(resolved.id, commonJs);
      return commonJs;
    }
    const module = this.#compileModule(target, resolved);
    graph.set(resolved.id, module);
    const dependencies = new Map<string, ivm.Module>();
    links.set(module, dependencies);
    for (const specifier of module.dependencySpecifiers) {
      const dependency = isApiModule(specifier)
        ? this.#apiModules(target).get(specifier)
        : this.#compile(target, this.#resolve(resolved.id, specifier), graph, links, timeout);
      dependencies.set(specifier, dependency);
    }
    return module;
  }

  #compileModule(target: ApiContext, resolved: ResolvedModule): ivm.Module {
    const source = this.#loader.source(resolved);
    try {
      return target.isolate.compileModuleSync(source, { filename: resolved.id });
    } catch (error) {
      throw madeByHost(this.#positions.compileError(error));
    }
  }

  /** A file imported by `fromId`: relative or root-relative, under the root, `.js`, `.mjs` or `.ts`. */
  #resolve(fromId: string, specifier: string): ResolvedModule {
    const resolved = this.#loader.resolve(fromId, specifier, 'import');
    if (!/\.(m?js|ts)$/.test(resolved.id))
      throw new ModuleNotFoundError(`import: "${specifier}" is not a .js, .mjs or .ts file`);
    return resolved;
  }

  #apiModules(target: ApiContext): ApiModuleSet {
    let set = this.#apis.get(target.context);
    if (set === undefined) {
      set = new ApiModuleSet(target);
      this.#apis.set(target.context, set);
    }
    return set;
  }
}

/** True once the completion module's body ran (reading `done` before that is a ReferenceError). */
function finished(completion: ivm.Module): boolean {
  try {
    return completion.namespace.getSync('done') === true;
  } catch {
    return false;
  }
}

/**
 * Errors thrown compiling or linking a module: no script code ran, so the frames above
 * isolated-vm's boundary in their stack are the worker's own, not the script's; described without.
 */
const hostMade = new WeakSet<Error>();

/** `error`, remembered as thrown compiling or linking (see `hostMade`). */
function madeByHost(error: unknown): unknown {
  if (error instanceof Error) hostMade.add(error);
  return error;
}
