/**
 * The API modules as ES modules, one set per sandbox context.
 *
 * The CommonJS guest modules in `http/` stay the one implementation. Each is offered to ES module
 * scripts through a small generated module: its named exports are the CommonJS exports and its
 * default export is the exports object, so `import * as session from "http/v4/session"`,
 * `import session from "http/v4/session"` and `import { getId } from "http/v4/session"` all work.
 * The generated modules get the exports from the kernel (`run.apiExports`) through a bridge
 * module that only API modules can import. The newer SDK modules (`sdk/http` …) are ES module
 * guest files that import those.
 *
 * API modules keep no state, so each is compiled, linked and evaluated once per context and every
 * request's module graph links to the same instance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type ivm from 'isolated-vm';
import { instantiate } from './esm-link.js';
import { apiModules, guestModulesDir } from './module-loader.js';

/** ES module API ids to their file under `guestModulesDir`. */
export const sdkModules: ReadonlyMap<string, string> = new Map([
  ['sdk/http', 'sdk/http/index.mjs'],
  ['sdk/http/session', 'sdk/http/session.mjs'],
  ['sdk/http/request', 'sdk/http/request.mjs'],
  ['sdk/http/response', 'sdk/http/response.mjs'],
  ['sdk/http/upload', 'sdk/http/upload.mjs'],
  ['sdk/http/client', 'sdk/http/client.mjs'],
]);

/** True when an ES module script may import `specifier` as an API module. */
export function isApiModule(specifier: string): boolean {
  return apiModules.has(specifier) || sdkModules.has(specifier);
}

/** What the set needs of a sandbox context. */
export interface ApiContext {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /**
   * A function of the kernel: `apiExports(id)` returns an API module's exports,
   * `takeLastCodedError()` the description of the last coded error it made.
   */
  kernelFunction(name: 'apiExports' | 'takeLastCodedError'): ivm.Reference;
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

  /** The evaluated module of API id `id` (see `isApiModule`). */
  get(id: string): ivm.Module {
    let module = this.#modules.get(id);
    if (module === undefined) {
      module = sdkModules.has(id) ? this.#sdkModule(id) : this.#generatedModule(id);
      this.#modules.set(id, module);
    }
    return module;
  }

  #generatedModule(id: string): ivm.Module {
    if (!apiModules.has(id)) throw new Error(`${id} is not an API module`);
    const bridge = this.#bridgeModule();
    const module = this.#target.isolate.compileModuleSync(this.#source(id), { filename: `${id}.js` });
    return this.#evaluate(module, new Map([[BRIDGE, bridge]]));
  }

  #sdkModule(id: string): ivm.Module {
    const module = this.#target.isolate.compileModuleSync(this.#source(id), { filename: `${id}.mjs` });
    return this.#evaluate(
      module,
      new Map(module.dependencySpecifiers.map((specifier) => [specifier, this.get(specifier)])),
    );
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

  /** The source of API module `id`: its SDK guest file, or a module over the CommonJS module's exports. */
  #source(id: string): string {
    let source = moduleSources.get(id);
    if (source === undefined) {
      const sdkFile = sdkModules.get(id);
      source =
        sdkFile === undefined
          ? generatedSource(id, this.#exportNames(id))
          : readFileSync(path.join(guestModulesDir, sdkFile), 'utf8');
      moduleSources.set(id, source);
    }
    return source;
  }

  #exportNames(id: string): string[] {
    const exports = this.#apiExports().applySync(undefined, [id], { result: { reference: true } }) as ivm.Reference;
    return this.#target.context.evalClosureSync('return Object.keys($0)', [exports.derefInto()], {
      result: { copy: true },
    }) as string[];
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
