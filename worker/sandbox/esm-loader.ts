/**
 * Runs ES module scripts (`.mjs`) with isolated-vm's module API.
 *
 * For every request the script and the files it imports are compiled, linked and evaluated
 * afresh, so module state lives for one request, as with `require()`'s per-request cache. They
 * may import the API modules (shared per context, see esm-api.ts) and `.mjs` or `.js` files by a
 * path relative to the importing file, under the root (ModuleLoader's rules: no built-ins, no
 * absolute paths, nothing outside the root). Every import is resolved before linking (see
 * esm-link.ts).
 */
import type ivm from 'isolated-vm';
import { ApiModuleSet, isApiModule, type ApiContext } from './esm-api.js';
import { instantiate } from './esm-link.js';
import { type ErrorDescriptor, ModuleNotFoundError } from '../../common/errors.js';
import type { ModuleLoader, ResolvedModule } from './module-loader.js';
import { type KernelOutcome, PENDING } from './sandbox-context.js';

/** True when the script at `script` (a path under the root) is an ES module. */
export function isEsModuleScript(script: string): boolean {
  return script.endsWith('.mjs');
}

const TIMEOUT_MESSAGE = 'Script execution timed out.';

export class EsModuleRunner {
  readonly #loader: ModuleLoader;
  readonly #apis = new WeakMap<ivm.Context, ApiModuleSet>();

  constructor(loader: ModuleLoader) {
    this.#loader = loader;
  }

  /**
   * Runs the ES module script `script` in `target` with a time limit of `timeout` ms. Returns the
   * description of the script's uncaught error as JSON text, `undefined` when it completed, or
   * `PENDING` when it is still awaiting at top level (the contract of the kernel's `run`; the
   * host's deadline then ends it). A timeout or a disposed isolate is thrown for the host.
   */
  run(target: ApiContext, script: string, timeout: number): KernelOutcome {
    const graph = new Map<string, ivm.Module>();
    const links = new Map<ivm.Module, Map<string, ivm.Module>>();
    try {
      takeLastCodedError(target);
      const file = this.#loader.fileUnderRoot(script);
      if (file === undefined) throw new ModuleNotFoundError(`import: cannot find module "${script}"`);
      const main = this.#compile(target, { id: script, api: false, file }, graph, links);
      // A module importing the script runs its own body only once the script's top-level awaits
      // are done: its `done` binding tells whether the script finished or still awaits.
      const completion = target.isolate.compileModuleSync(
        `import ${JSON.stringify(script)};\nexport const done = true;\n`,
        { filename: 'completion' },
      );
      graph.set('\0completion', completion);
      links.set(completion, new Map([[script, main]]));
      instantiate(target.isolate, target.context, completion, links);
      completion.evaluateSync({ timeout });
      return finished(completion) ? undefined : PENDING;
    } catch (error) {
      if (target.isolate.isDisposed || (error instanceof Error && error.message === TIMEOUT_MESSAGE)) throw error;
      return JSON.stringify(describe(error, takeLastCodedError(target)));
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
  ): ivm.Module {
    const known = graph.get(resolved.id);
    if (known !== undefined) return known;
    const module = target.isolate.compileModuleSync(this.#loader.source(resolved), { filename: resolved.id });
    graph.set(resolved.id, module);
    const dependencies = new Map<string, ivm.Module>();
    links.set(module, dependencies);
    for (const specifier of module.dependencySpecifiers) {
      const dependency = isApiModule(specifier)
        ? this.#apiModules(target).get(specifier)
        : this.#compile(target, this.#resolve(resolved.id, specifier), graph, links);
      dependencies.set(specifier, dependency);
    }
    return module;
  }

  /** A file imported by `fromId`: relative, under the root, `.mjs` or `.js`. */
  #resolve(fromId: string, specifier: string): ResolvedModule {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      throw new ModuleNotFoundError(
        `import: module "${specifier}" is not available to scripts; they may import the API modules and .mjs or .js files by a path relative to the importing file`,
      );
    }
    const resolved = this.#loader.resolve(fromId, specifier, 'import');
    if (!/\.m?js$/.test(resolved.id)) throw new ModuleNotFoundError(`import: "${specifier}" is not a .mjs or .js file`);
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

/** The kernel's description of the last coded error it made, forgetting it. */
function takeLastCodedError(target: ApiContext): ErrorDescriptor | undefined {
  const text: unknown = target.kernelFunction('takeLastCodedError').applySync(undefined, []);
  return typeof text === 'string' ? (JSON.parse(text) as ErrorDescriptor) : undefined;
}

/**
 * Describes an uncaught error. isolated-vm carries only name, message and stack out of the
 * isolate; when they match the last coded error the kernel made, that error's name and code are
 * restored.
 */
function describe(error: unknown, lastCoded: ErrorDescriptor | undefined): ErrorDescriptor {
  if (error instanceof ModuleNotFoundError)
    return { name: error.name, message: error.message, stack: '', code: error.code };
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (lastCoded !== undefined && lastCoded.message === message && (lastCoded.name === name || name === 'Error'))
    return lastCoded;
  return { name, message, stack: error instanceof Error ? guestStack(error.stack) : '', code: '' };
}

/** The part of a stack trace inside the isolate; none when there is no boundary (a compile error). */
function guestStack(stack: string | undefined): string {
  const lines = (stack ?? '').split('\n');
  const boundary = lines.findIndex((line) => line.includes('<isolated-vm boundary>'));
  return boundary < 0 ? '' : lines.slice(0, boundary).join('\n');
}
