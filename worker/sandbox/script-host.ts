/**
 * Runs scripts in isolated-vm inside a worker process, one run at a time. Contexts come from the
 * isolation mode's source: `WarmContexts` (isolation `script`, the default: a warm context per
 * script, the body called per request) or `ContextPool` (isolation `request`: a fresh context per
 * request, prepared ahead, isolates recycled on a budget).
 *
 * CommonJS scripts run through the guest kernel; ES module scripts (`.mjs`) through isolated-vm's
 * module API (esm-loader.ts), in the same contexts.
 *
 * A run has two limits: `timeout` bounds the script's synchronous execution (isolated-vm stops it),
 * and `deadline` bounds the whole run on the wall clock, including time spent awaiting a promise
 * the script returned.
 */
import { RequestContext } from '../facade/context.js';
import { callFacade, describeError } from '../facade/registry.js';
import { ContextPool } from './context-pool.js';
import type { ContextSource } from './context-source.js';
import { EsModuleRunner, isEsModuleScript } from './esm-loader.js';
import { ModuleLoader } from './module-loader.js';
import type { ResultMessage, RunFailure, RunMessage, WorkerSettings } from '../../common/protocol.js';
import { hidePaths, hostPaths } from './redact.js';
import { type GuestBridge, PENDING, SandboxContext } from './sandbox-context.js';
import type { SandboxIsolate } from './sandbox-isolate.js';
import { DeadlinePassed, SettleWaiter } from './settle-waiter.js';
import { WarmContexts } from './warm-contexts.js';

export class ScriptHost {
  readonly #settings: WorkerSettings;
  readonly #loader: ModuleLoader;
  readonly #contexts: ContextSource;
  readonly #esm: EsModuleRunner;
  readonly #settle = new SettleWaiter();
  readonly #hostPaths: Array<[string, string]>;
  #current: RequestContext | undefined;
  #runs = 0;

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
    this.#loader = new ModuleLoader(settings.root);
    this.#esm = new EsModuleRunner(this.#loader);
    this.#hostPaths = hostPaths(settings.root);
    const create = (isolate: SandboxIsolate) => new SandboxContext(isolate, this.#bridge);
    this.#contexts =
      settings.isolation === 'request'
        ? new ContextPool(settings.memoryLimit, settings.contextsPerIsolate, create)
        : new WarmContexts(settings.memoryLimit, create);
  }

  readonly #bridge: GuestBridge = {
    callFacade: (facade, fn, args) => callFacade(this.#current, facade, fn, args),
    load: (context, fromId, specifier) => {
      try {
        const module = this.#loader.resolve(fromId, specifier);
        if (!context.defines(module.id))
          context.define(module.id, this.#loader.source(module), module.api, this.#settings.timeout);
        return module.id;
      } catch (error) {
        const described = describeError(error);
        return { ...described, message: hidePaths(described.message, this.#hostPaths) };
      }
    },
    settle: (runId, description) => this.#settle.settle(runId, description),
  };

  /** Runs the script of `message` for its request and returns what it produced. */
  async run(message: RunMessage): Promise<ResultMessage> {
    const started = Date.now();
    const request = new RequestContext(message.request, message.session, message.settings, this.#settings.limits);
    const runId = ++this.#runs;
    let failure: RunFailure | undefined;
    let context: SandboxContext | undefined;
    this.#current = request;
    this.#settle.expect(runId);
    try {
      context = this.#contexts.acquire(message.script, message.mtimeMs);
      let outcome;
      if (isEsModuleScript(message.script)) {
        outcome = this.#esm.run(context.apiTarget, message.script, this.#settings.timeout);
      } else {
        this.#defineMain(context, message.script);
        outcome = context.run(message.script, runId, this.#settings.timeout);
      }
      if (outcome === PENDING) outcome = await this.#settle.wait(this.#settings.deadline - (Date.now() - started));
      if (typeof outcome === 'string')
        failure = { kind: 'script', ...(JSON.parse(outcome) as Omit<RunFailure, 'kind'>) };
    } catch (error) {
      failure = this.#hostFailure(error, context);
    } finally {
      this.#current = undefined;
      this.#settle.expect(0);
      if (context !== undefined) this.#contexts.release(context, failure !== undefined && failure.kind !== 'script');
    }
    return {
      type: 'result',
      id: message.id,
      response: request.response.toSnapshot(),
      sessionOps: request.session.ops,
      console: request.console.lines(),
      ...(failure === undefined ? {} : { failure: this.#redacted(failure) }),
    };
  }

  /** Work ahead of demand, while the worker is idle (request isolation prepares contexts). */
  prepare(): void {
    try {
      this.#contexts.prepare();
    } catch {
      // A failure here (the isolate at its memory limit) shows again, and is reported, on the next run.
    }
  }

  close(): void {
    this.#contexts.close();
  }

  #defineMain(context: SandboxContext, script: string): void {
    if (context.defines(script)) return;
    const file = this.#loader.fileUnderRoot(script);
    if (file === undefined) throw new Error(`script not found: ${script}`);
    context.define(script, this.#loader.source({ id: script, api: false, file }), false, this.#settings.timeout);
  }

  #hostFailure(error: unknown, context: SandboxContext | undefined): RunFailure {
    const described = describeError(error);
    const failed = (kind: RunFailure['kind']): RunFailure => ({
      kind,
      name: 'Error',
      code: '',
      message: '',
      stack: '',
    });
    if (error instanceof DeadlinePassed) return failed('deadline');
    if (context?.owner.disposed === true || /disposed during execution due to memory limit/i.test(described.message))
      return failed('memory');
    if (/timed out/i.test(described.message)) return failed('timeout');
    if (described.code === 'ERR_INTERNAL') {
      // Compile errors of the script (syntax) surface here.
      return { kind: 'script', name: described.name, code: '', message: described.message, stack: '' };
    }
    return { kind: 'script', ...described, stack: '' };
  }

  #redacted(failure: RunFailure): RunFailure {
    return {
      ...failure,
      message: hidePaths(failure.message, this.#hostPaths),
      stack: hidePaths(failure.stack, this.#hostPaths),
    };
  }
}
