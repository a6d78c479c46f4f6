/**
 * Runs scripts in isolated-vm inside a worker process. One isolate (with the memory limit) holds
 * the contexts; each context gets the guest kernel, the host bridge and the script's modules.
 *
 * Isolation `script` (default) keeps one warm context per script: the script body is wrapped in a
 * function and called per request, with a fresh module cache each time. Isolation `request` gives
 * every request a new context and replaces the isolate after `contextsPerIsolate` contexts, so
 * context churn never fills its heap.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ivm from 'isolated-vm';
import { RequestContext } from '../facade/context.js';
import { callFacade, describeError } from '../facade/registry.js';
import { EsModuleRunner, isEsModuleScript } from './esm-loader.js';
import { ModuleLoader, guestModulesDir, type ResolvedModule } from './module-loader.js';
import type { ResultMessage, RunFailure, RunMessage, WorkerSettings } from './protocol.js';

type KernelRun = ivm.Reference<(mainId: string) => string | undefined>;

interface ScriptContext {
  isolate: ivm.Isolate;
  context: ivm.Context;
  run: KernelRun;
  defined: Set<string>;
  mtimeMs: number;
}

const kernelSource = readFileSync(path.join(guestModulesDir, 'kernel.js'), 'utf8');

export class ScriptHost {
  readonly #settings: WorkerSettings;
  readonly #loader: ModuleLoader;
  readonly #esm: EsModuleRunner;
  #isolate: ivm.Isolate | undefined;
  #kernel: ivm.Script | undefined;
  #contextsCreated = 0;
  readonly #warm = new Map<string, ScriptContext>();
  #current: RequestContext | undefined;

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
    this.#loader = new ModuleLoader(settings.root);
    this.#esm = new EsModuleRunner(this.#loader);
  }

  /** Runs the script of `message` for its request and returns what it produced. */
  run(message: RunMessage): ResultMessage {
    const context = new RequestContext(message.request, message.session, message.settings);
    let failure: RunFailure | undefined;
    let scriptContext: ScriptContext | undefined;
    this.#current = context;
    try {
      scriptContext = this.#contextFor(message);
      const error = isEsModuleScript(message.script)
        ? this.#esm.run(scriptContext, message.script, this.#settings.timeout)
        : scriptContext.run.applySync(undefined, [message.script], { timeout: this.#settings.timeout });
      if (typeof error === 'string') failure = { kind: 'script', ...(JSON.parse(error) as Omit<RunFailure, 'kind'>) };
    } catch (error) {
      failure = this.#hostFailure(error);
    } finally {
      this.#current = undefined;
      if (this.#settings.isolation === 'request' && scriptContext !== undefined) scriptContext.context.release();
    }
    return {
      type: 'result',
      id: message.id,
      response: context.response.toSnapshot(),
      sessionOps: context.session.ops,
      ...(failure === undefined ? {} : { failure }),
    };
  }

  #hostFailure(error: unknown): RunFailure {
    if (this.#isolate?.isDisposed === true) {
      this.#discardIsolate();
      return { kind: 'memory', name: 'Error', code: 'ERR_MEMORY_LIMIT', message: '', stack: '' };
    }
    const described = describeError(error);
    if (/timed out/i.test(described.message)) return { kind: 'timeout', name: 'Error', code: 'ERR_SCRIPT_TIMEOUT', message: '', stack: '' };
    if (error instanceof Error && described.code === 'ERR_INTERNAL') {
      // Compile errors of the script (syntax) surface here.
      return { kind: 'script', name: described.name, code: '', message: described.message, stack: '' };
    }
    return { kind: 'script', ...described, stack: '' };
  }

  #contextFor(message: RunMessage): ScriptContext {
    if (this.#settings.isolation === 'request') return this.#createContext(message);
    const warm = this.#warm.get(message.script);
    if (warm !== undefined && warm.mtimeMs === message.mtimeMs) return warm;
    if (warm !== undefined) {
      this.#warm.delete(message.script);
      warm.context.release();
    }
    const created = this.#createContext(message);
    this.#warm.set(message.script, created);
    return created;
  }

  #createContext(message: RunMessage): ScriptContext {
    const isolate = this.#isolateForNewContext();
    const context = isolate.createContextSync();
    const defined = new Set<string>();
    const jail = context.global;
    jail.setSync('__dirigibleHost', new ivm.Callback((facade: unknown, fn: unknown, a: unknown, b: unknown, c: unknown) => callFacade(this.#current, facade, fn, [a, b, c])));
    jail.setSync('__dirigibleLoad', new ivm.Callback((fromId: unknown, specifier: unknown) => {
      try {
        const module = this.#loader.resolve(String(fromId), String(specifier));
        this.#define(isolate, context, defined, module);
        return module.id;
      } catch (error) {
        return describeError(error);
      }
    }));
    const run = this.#kernelScript(isolate).runSync(context, { reference: true }) as KernelRun;
    const scriptContext = { isolate, context, run, defined, mtimeMs: message.mtimeMs };
    try {
      const file = this.#loader.fileUnderRoot(message.script);
      if (file === undefined) throw new Error(`script not found: ${message.script}`);
      if (!isEsModuleScript(message.script)) this.#define(isolate, context, defined, { id: message.script, api: false, file });
    } catch (error) {
      context.release();
      throw error;
    }
    return scriptContext;
  }

  /** Compiles a module's wrapper function into the context (once per context). */
  #define(isolate: ivm.Isolate, context: ivm.Context, defined: Set<string>, module: ResolvedModule): void {
    if (defined.has(module.id)) return;
    const source = this.#loader.source(module);
    const id = JSON.stringify(module.id);
    const code = module.api
      ? `__dirigibleDefine(${id}, function (exports, require, module, kernel) {${source}\n}, true);`
      : `__dirigibleDefine(${id}, function (exports, require, module, __filename, __dirname) {${source}\n});`;
    isolate.compileScriptSync(code, { filename: module.api ? `${module.id}.js` : module.id }).runSync(context);
    defined.add(module.id);
  }

  #kernelScript(isolate: ivm.Isolate): ivm.Script {
    this.#kernel ??= isolate.compileScriptSync(kernelSource, { filename: 'kernel.js' });
    return this.#kernel;
  }

  #isolateForNewContext(): ivm.Isolate {
    const recycle = this.#settings.isolation === 'request' && this.#contextsCreated >= this.#settings.contextsPerIsolate;
    if (this.#isolate === undefined || this.#isolate.isDisposed || recycle) this.#discardIsolate();
    this.#isolate ??= new ivm.Isolate({ memoryLimit: this.#settings.memoryLimit });
    this.#contextsCreated++;
    return this.#isolate;
  }

  #discardIsolate(): void {
    this.#warm.clear();
    this.#kernel = undefined;
    this.#contextsCreated = 0;
    if (this.#isolate !== undefined && !this.#isolate.isDisposed) this.#isolate.dispose();
    this.#isolate = undefined;
  }
}
