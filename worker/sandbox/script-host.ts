/**
 * Runs scripts in isolated-vm inside a worker process, one run at a time. Contexts come from the
 * isolation mode's source: `WarmContexts` (isolation `script`, the default: a warm context per
 * script, the body called per request) or `ContextPool` (isolation `request`: a fresh context per
 * request, prepared ahead, isolates recycled on a budget).
 *
 * CommonJS scripts run through the guest kernel; ES module scripts (`.mjs`, and `.js` / `.ts` with
 * module syntax: module-kind.ts) through isolated-vm's module API (esm-loader.ts), in the same
 * contexts. A warm context is not reused once a file it loaded changed (SandboxContext.stale).
 *
 * A run has two limits: `timeout` bounds the script's synchronous execution (isolated-vm stops it),
 * and `deadline` bounds the whole run on the wall clock, including time spent awaiting a promise
 * the script returned.
 */
import {
  describeError,
  type ErrorDescriptor,
  isInternal,
  MemoryLimitError,
  ScriptDeadlineError,
  ScriptTimeoutError,
} from '../../common/errors.js';
import { RequestContext } from '../facade/context.js';
import { callFacadeNumbered } from '../facade/registry.js';
import { applyDeferred } from '../facade/response.js';
import { ContextPool } from './context-pool.js';
import type { ContextSource } from './context-source.js';
import { RequireEsModuleError } from '../../common/errors.js';
import { EsModuleRunner } from './esm-loader.js';
import { ModuleLoader, type ResolvedModule } from './module-loader.js';
import type { ResultMessage, RunMessage, WorkerSettings } from '../../common/protocol.js';
import { cutErrorText } from '../../common/limits.js';
import { hidePaths, hostPaths } from './redact.js';
import { type GuestBridge, PENDING, PRINTED, SandboxContext } from './sandbox-context.js';
import type { SandboxIsolate } from './sandbox-isolate.js';
import { RunClock } from './run-clock.js';
import { DeadlinePassed, SettleWaiter } from './settle-waiter.js';
import { WarmContexts } from './warm-contexts.js';
import type { DeferredRequest } from '../../common/request-frame.js';

/** A run as the worker received it: its request is parsed only when the script reads it. */
export type ArrivedRun = Omit<RunMessage, 'request'> & { request: DeferredRequest };

export class ScriptHost {
  readonly #settings: WorkerSettings;
  readonly #loader: ModuleLoader;
  readonly #contexts: ContextSource;
  readonly #esm: EsModuleRunner;
  readonly #settle = new SettleWaiter();
  readonly #hostPaths: Array<[string, string]>;
  readonly #clock: RunClock;
  readonly #awaiting: (runId: number) => void;
  #current: RequestContext | undefined;
  #runs = 0;
  #lastRunMs = 0;

  /** @param awaiting told when a run's synchronous part ended and it awaits a promise (the supervisor then allows up to the deadline) */
  constructor(settings: WorkerSettings, awaiting: (runId: number) => void = () => undefined) {
    this.#settings = settings;
    this.#clock = new RunClock(settings.timeout);
    this.#awaiting = awaiting;
    this.#loader = new ModuleLoader(settings.root);
    this.#esm = new EsModuleRunner(this.#loader);
    this.#hostPaths = hostPaths(settings.root);
    const singleUse = settings.isolation === 'request';
    const create = (isolate: SandboxIsolate) => new SandboxContext(isolate, this.#bridge, singleUse);
    this.#contexts = singleUse
      ? new ContextPool(settings.memoryLimit, settings.contextsPerIsolate, create)
      : new WarmContexts(settings.memoryLimit, create);
  }

  readonly #bridge: GuestBridge = {
    callFacade: (number, args, commit, text) => {
      if (this.#current !== undefined) applyDeferred(this.#current.response, text, commit);
      this.#clock.check();
      return callFacadeNumbered(this.#current, number, args);
    },
    load: (context, fromId, specifier) => {
      this.#clock.check();
      try {
        const module = this.#loader.resolve(fromId, specifier);
        if (!context.defines(module.id)) {
          if (this.#loader.isEsModule(module)) throw new RequireEsModuleError(specifier);
          this.#define(context, module);
        }
        return module.id;
      } catch (error) {
        const described = describeError(error);
        return { ...described, message: hidePaths(described.message, this.#hostPaths) };
      }
    },
    settle: (runId, description) => this.#settle.settle(runId, description),
  };

  /**
   * Runs the script of `message` for its request and returns what it produced. `arrival`: the
   * run's number from arrivals.ts (default: none, so every file is checked for changes).
   */
  async run(message: ArrivedRun, arrival?: number): Promise<ResultMessage> {
    const started = Date.now();
    const startedPrecisely = performance.now();
    const request = new RequestContext(message.request, message.session, message.settings, this.#settings.limits);
    const runId = ++this.#runs;
    let failure: ErrorDescriptor | undefined;
    let stopped = false;
    let context: SandboxContext | undefined;
    this.#current = request;
    this.#settle.expect(runId);
    try {
      context = this.#contexts.acquire(message.script, message.mtimeMs, arrival);
      this.#clock.start(context.owner);
      let outcome;
      const main = context.defines(message.script) ? undefined : this.#mainModule(message.script);
      if (main !== undefined && this.#loader.isEsModule(main)) {
        outcome = this.#esm.run(context.apiTarget, main, this.#settings.timeout);
      } else {
        if (main !== undefined) this.#define(context, main);
        outcome = context.run(message.script, runId, this.#settings.timeout, request.response.room);
      }
      this.#clock.stop();
      if (outcome === PENDING) this.#awaiting(message.id);
      if (outcome === PENDING) outcome = await this.#settle.wait(this.#settings.deadline - (Date.now() - started));
      if (typeof outcome === 'string' && outcome.startsWith(PRINTED))
        request.response.write(Buffer.from(outcome.slice(PRINTED.length), 'utf8'), 'print');
      else if (typeof outcome === 'string') failure = JSON.parse(outcome) as ErrorDescriptor;
    } catch (error) {
      const limit = this.#limitHit(error, context);
      stopped = limit !== undefined;
      failure = limit ?? this.#hostFailure(error);
    } finally {
      this.#clock.stop();
      this.#current = undefined;
      this.#settle.expect(0);
      this.#lastRunMs = performance.now() - startedPrecisely;
      if (context !== undefined) this.#contexts.release(context, stopped, this.#lastRunMs);
    }
    return {
      type: 'result',
      id: message.id,
      response: request.response.toSnapshot(),
      sessionOps: request.session.ops,
      sessionUsed: request.session.used ? true : undefined,
      requestUsed: request.requestRead ? true : undefined,
      console: request.console.lines(),
      failure: failure === undefined ? undefined : this.#redacted(failure),
      stopped: failure === undefined ? undefined : stopped,
      cpuMicros: undefined,
      runMicros: Math.round(this.#lastRunMs * 1000),
    };
  }

  /** How long the latest run took, awaiting included, ms. */
  get lastRunMs(): number {
    return this.#lastRunMs;
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

  /** Defines `module` in `context`; a file under the root is tracked as of when it was found. */
  #define(context: SandboxContext, module: ResolvedModule): void {
    context.define(module.id, this.#loader.source(module), module.api, this.#settings.timeout);
    if (!module.api) context.track(module.file, module.mtimeMs);
  }

  /** The script's module, found (and its modification time read) once for the run. */
  #mainModule(script: string): ResolvedModule {
    const main = this.#loader.script(script);
    if (main === undefined) throw new Error(`script not found: ${script}`);
    return main;
  }

  /** The error of the limit that stopped the run, or `undefined` when `error` is not one. */
  #limitHit(error: unknown, context: SandboxContext | undefined): ErrorDescriptor | undefined {
    const { message } = describeError(error);
    const { deadline, memoryLimit, timeout } = this.#settings;
    if (error instanceof DeadlinePassed) return describeError(new ScriptDeadlineError(deadline));
    if (this.#clock.expired) return describeError(new ScriptTimeoutError(timeout));
    if (context?.owner.disposed === true || /disposed during execution due to memory limit/i.test(message))
      return describeError(new MemoryLimitError(memoryLimit));
    if (/timed out/i.test(message)) return describeError(new ScriptTimeoutError(timeout));
    return undefined;
  }

  /** A failure thrown on the host side of the run: a coded error, or a compile error of the script. */
  #hostFailure(error: unknown): ErrorDescriptor {
    const described = describeError(error);
    // Compile errors of the script (syntax) surface here, with no code of ours.
    return isInternal(described) ? { ...described, code: '' } : described;
  }

  /** The failure with host paths hidden and its text cut to `maxErrorSize` (the main process must not parse megabytes). */
  #redacted(failure: ErrorDescriptor): ErrorDescriptor {
    const { stack } = failure;
    const max = this.#settings.limits.maxErrorSize;
    return {
      ...failure,
      message: hidePaths(cutErrorText(failure.message, max), this.#hostPaths),
      ...(stack === undefined || stack === '' ? {} : { stack: hidePaths(cutErrorText(stack, max), this.#hostPaths) }),
    };
  }
}
