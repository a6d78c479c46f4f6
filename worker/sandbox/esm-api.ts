/**
 * The API modules as ES modules, one set per sandbox context.
 *
 * The CommonJS guest modules in `http/` stay the one implementation. Each is offered to ES module
 * scripts through a small generated module: its named exports are the CommonJS exports and its
 * default export is the exports object, so `import * as session from "http/v4/session"`,
 * `import session from "http/v4/session"` and `import { getId } from "http/v4/session"` all work.
 * The generated modules get the exports from the kernel (`run.apiExports`) through a bridge
 * module that only API modules can import. Every name of module-names.ts's table is importable;
 * an alias links to its canonical module's instance.
 *
 * API modules keep no state, so each is compiled, linked and evaluated once per context and every
 * request's module graph links to the same instance.
 */
import type ivm from 'isolated-vm';
import { instantiate } from './esm-link.js';
import { canonicalModuleId } from './module-names.js';

/** True when an ES module script may import `specifier` as an API module. */
export function isApiModule(specifier: string): boolean {
  return canonicalModuleId(specifier) !== undefined;
}

/** What the set needs of a sandbox context. */
export interface ApiContext {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /**
   * A function of the kernel: `apiExports(id)` returns an API module's exports (or, for a
   * CommonJS file under the root, its exports in this request), `resetModules()` starts a
   * request's module cache, `takeLastCodedError()` the description of the last coded error it made.
   */
  kernelFunction(name: 'apiExports' | 'resetModules' | 'takeLastCodedError'): ivm.Reference;
}

const BRIDGE = 'dirigible:api';
const bridgeSource =
  'let exportsOf;\nexport function connect(f) { exportsOf = f; }\nexport function api(id) { return exportsOf(id); }\n';

/** Source text of each API module, by id; fixed per guest file, so made once per process. */
const moduleSources = new Map<string, string>();

export class ApiModuleSet {
  readonly #target: ApiContext;
  readonly #modules = new Map<string, ivm.Module>();
  #bridge: ivm.Module | undefined;

  constructor(target: ApiContext) {
    this.#target = target;
  }

  /** The evaluated module of API module name `name`, canonical or alias (see `isApiModule`). */
  get(name: string): ivm.Module {
    const id = canonicalModuleId(name);
    if (id === undefined) throw new Error(`${name} is not an API module`);
    let module = this.#modules.get(id);
    if (module === undefined) {
      const bridge = this.#bridgeModule();
      const compiled = this.#target.isolate.compileModuleSync(this.#source(id), { filename: `${id}.js` });
      module = this.#evaluate(compiled, new Map([[BRIDGE, bridge]]));
      this.#modules.set(id, module);
    }
    return module;
  }

  /**
   * A module over the exports of the CommonJS file `id` (already defined in the context), for one
   * request: the file runs now, in the request's module cache, and its exports become the default
   * export and, by name, the named exports. The caller releases it after the request.
   */
  commonJs(id: string, timeout: number): ivm.Module {
    const bridge = this.#bridgeModule();
    const source = generatedSource(id, this.#exportNames(id, timeout));
    const module = this.#target.isolate.compileModuleSync(source, { filename: id });
    instantiate(this.#target.isolate, this.#target.context, module, new Map([[module, new Map([[BRIDGE, bridge]])]]));
    return module;
  }

  #evaluate(module: ivm.Module, dependencies: ReadonlyMap<string, ivm.Module>): ivm.Module {
    instantiate(this.#target.isolate, this.#target.context, module, new Map([[module, dependencies]]));
    module.evaluateSync();
    return module;
  }

  #bridgeModule(): ivm.Module {
    if (this.#bridge !== undefined) return this.#bridge;
    const bridge = this.#evaluate(
      this.#target.isolate.compileModuleSync(bridgeSource, { filename: BRIDGE }),
      new Map(),
    );
    const connect = bridge.namespace.getSync('connect', { reference: true }) as ivm.Reference;
    connect.applySync(undefined, [this.#apiExports().derefInto()]);
    this.#bridge = bridge;
    return bridge;
  }

  #apiExports(): ivm.Reference {
    return this.#target.kernelFunction('apiExports');
  }

  /** The source of API module `id`: a module over the CommonJS module's exports. */
  #source(id: string): string {
    let source = moduleSources.get(id);
    if (source === undefined) {
      source = generatedSource(id, this.#exportNames(id));
      moduleSources.set(id, source);
    }
    return source;
  }

  #exportNames(id: string, timeout?: number): string[] {
    const options = timeout === undefined ? {} : { timeout };
    const exports = this.#apiExports().applySync(undefined, [id], {
      ...options,
      result: { reference: true },
    }) as ivm.Reference;
    const names = this.#target.context.evalClosureSync('return Object.keys($0)', [exports.derefInto()], {
      ...options,
      result: { copy: true },
    }) as string[];
    exports.release();
    return names.filter((name) => name !== 'default');
  }
}

/** A module whose exports are those of the CommonJS API module `id`. */
function generatedSource(id: string, names: readonly string[]): string {
  const locals = names.map((name, index) => `e${index} = exports[${JSON.stringify(name)}]`);
  const exported = names.map((name, index) => `e${index} as ${JSON.stringify(name)}`);
  return [
    `import { api } from ${JSON.stringify(BRIDGE)};`,
    `const exports = api(${JSON.stringify(id)});`,
    'export default exports;',
    ...(names.length === 0 ? [] : [`const ${locals.join(', ')};`, `export { ${exported.join(', ')} };`]),
  ].join('\n');
}
