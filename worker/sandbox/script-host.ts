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
 * Runs of the same script queued behind each other go on in one isolate call, a series (see
 * `SERIES_MS`), one after the other: isolated-vm's time limit costs a timer per call.
 *
 * A run has two limits: `timeout` bounds the script's synchronous execution (isolated-vm stops it),
 * and `deadline` bounds the whole run on the wall clock, including time spent awaiting a promise
 * the script returned.
 *
 * Positions in what a run reports (its error's stack, console lines, compile errors) that fall in
 * a TypeScript module are those of its TypeScript source (source-positions.ts).
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
import { RequireEsModuleError, ScriptNotFoundError } from '../../common/errors.js';
import { EsModuleRunner } from './esm-loader.js';
import { ModuleLoader, type ResolvedModule } from './module-loader.js';
import type { WorkerSettings } from '../../common/protocol.js';
import { hidePaths, hostPaths, redactedFailure } from './redact.js';
import { type GuestBridge, PENDING, PRINTED, SandboxContext } from './sandbox-context.js';
import type { SandboxIsolate } from './sandbox-isolate.js';
import { RunClock } from './run-clock.js';
import { SourcePositions } from './source-positions.js';
import { DeadlinePassed, SettleWaiter } from './settle-waiter.js';
import { WarmContexts } from './warm-contexts.js';
import type { ArrivedRun, QueuedRun, WorkerLink } from './worker-link.js';

/**
 * How long (ms) a series of runs in one isolate call may go on starting runs. The runs of a series
 * share one time limit (isolated-vm's timer, which costs the worker more than a run of Basic Usage
 * when each run has its own), so a run started this long into the call can be stopped this much
 * before its own `timeout`.
 */
export const SERIES_MS = 1;

/** A run under way: what its result is made of. */
interface Run {
  readonly message: ArrivedRun;
  readonly request: RequestContext;
  readonly runId: number;
  /** When it started: wall ms, and `performance.now()` for its duration. */
  readonly started: number;
  readonly startedPrecisely: number;
  context: SandboxContext | undefined;
  /** True once the text its outcome carried is in its response (see `#writeOutcomeText`). */
  outcomeTextWritten: boolean;
}

export class ScriptHost {
  readonly #settings: WorkerSettings;
  readonly #loader: ModuleLoader;
  readonly #contexts: ContextSource;
  readonly #esm: EsModuleRunner;
  readonly #settle = new SettleWaiter();
  readonly #hostPaths: Array<[string, string]>;
  readonly #positions: SourcePositions;
  readonly #frames: (text: string) => string;
  readonly #clock: RunClock;
  readonly #link: WorkerLink;
  /** How long a series may go on starting runs: `SERIES_MS`, or a hundredth of a shorter time limit. */
  readonly #seriesMs: number;
  readonly #seriesClock: () => number;
  /** The run under way, if any. */
  #current: Run | undefined;
  /** When (`performance.now()`) the series under way stops starting runs. */
  #seriesEnds = 0;
  /** The print room the series under way started with (see `GuestBridge.following`). */
  #seriesRoom = 0;
  #runs = 0;
  #lastRunMs = 0;

  /**
   * @param link the worker's queue, and where results go
   * @param seriesClock what tells when a series is old enough to end (ms; specs pass their own)
   */
  constructor(settings: WorkerSettings, link: WorkerLink, seriesClock: () => number = () => performance.now()) {
    this.#settings = settings;
    this.#clock = new RunClock(settings.timeout);
    this.#link = link;
    this.#seriesClock = seriesClock;
    this.#seriesMs = Math.min(SERIES_MS, settings.timeout / 100);
    this.#loader = new ModuleLoader(settings.root);
    this.#positions = new SourcePositions((id) => this.#loader.positionsOf(id));
    this.#frames = (text) => this.#positions.frames(text);
    this.#esm = new EsModuleRunner(this.#loader, this.#positions);
    this.#hostPaths = hostPaths(settings.root);
    const singleUse = settings.isolation === 'request';
    const create = (isolate: SandboxIsolate) => new SandboxContext(isolate, this.#bridge, singleUse);
    this.#contexts = singleUse
      ? new ContextPool(settings.memoryLimit, settings.contextsPerIsolate, create)
      : new WarmContexts(settings.memoryLimit, create);
  }

  readonly #bridge: GuestBridge = {
    callFacade: (number, args, commit, text) => {
      const current = this.#current;
      if (current !== undefined) applyDeferred(current.request.response, text, commit);
      this.#clock.check();
      return callFacadeNumbered(current?.request, number, args);
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
        // A module that does not parse is the script's SyntaxError (no code), as for the main script.
        const described = this.#hostFailure(error);
        return { ...described, message: hidePaths(described.message, this.#hostPaths) };
      }
    },
    settle: (runId, description) => {
      const current = this.#current;
      if (current?.runId === runId) this.#writeOutcomeText(current, description);
      this.#settle.settle(runId, description);
    },
    following: (outcome) => this.#following(outcome),
  };

  /**
   * Runs the script of `first` for its request and, while the runs queued behind it are of the
   * same script and its warm context serves them, those too, in the same isolate call (see
   * `SERIES_MS`). Every run's result goes to `WorkerLink.deliver` as soon as the run ended.
   */
  async run(first: QueuedRun): Promise<void> {
    const { message, arrival } = first;
    const run = this.#begin(message);
    let outcome: string | undefined;
    try {
      const context = this.#contexts.acquire(message.script, message.mtimeMs, arrival);
      run.context = context;
      this.#clock.start(context.owner);
      const main = context.defines(message.script) ? undefined : this.#mainModule(message.script);
      if (main !== undefined && this.#loader.isEsModule(main)) {
        outcome = this.#esm.run(context.apiTarget, main, this.#settings.timeout);
      } else {
        if (main !== undefined) this.#define(context, main);
        this.#seriesEnds = this.#seriesClock() + this.#seriesMs;
        this.#seriesRoom = run.request.response.room;
        outcome = context.runSeries(message.script, run.runId, this.#settings.timeout, this.#seriesRoom);
      }
      // The series' last run (`following` ended the others).
      const last = this.#current ?? run;
      this.#clock.stop();
      if (outcome === PENDING) {
        this.#link.awaiting(last.message.id);
        outcome = await this.#settle.wait(this.#settings.deadline - (Date.now() - last.started));
      }
      this.#end(last, outcome);
      this.#release(last, false);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Starts run `message`: it becomes the current run. */
  #begin(message: ArrivedRun): Run {
    const { limits } = this.#settings;
    const request = new RequestContext(message.request, message.session, message.settings, limits, this.#frames);
    const runId = ++this.#runs;
    const run: Run = {
      message,
      request,
      runId,
      started: Date.now(),
      startedPrecisely: performance.now(),
      context: undefined,
      outcomeTextWritten: false,
    };
    this.#current = run;
    this.#settle.expect(runId);
    return run;
  }

  /**
   * The current run of a series has the outcome `outcome`. When the run queued next is of the same
   * script, the series is young enough (`SERIES_MS`), the context holds no promise syntax (so the
   * run left no promise work to run once the call ends) and is handed on: the current run ends
   * here, and that one goes on in the same call. Otherwise the series stops, and `run` ends the
   * current run once out of the call, as with one run per call.
   */
  #following(outcome: string | undefined): number | readonly [number, number] | undefined {
    const ended = this.#current;
    if (ended === undefined) return undefined;
    const queued = this.#nextInSeries(ended);
    const { context } = ended;
    if (queued === undefined || context === undefined) {
      this.#writeOutcomeText(ended, outcome);
      return undefined;
    }
    this.#end(ended, outcome);
    this.#link.takeNext();
    const next = this.#begin(queued.message);
    next.context = context;
    this.#clock.start(context.owner);
    const { room } = next.request.response;
    return room === this.#seriesRoom ? next.runId : [next.runId, room];
  }

  /** The run queued next when it goes on after `ended` in its series (see `#following`); its context is then handed on. */
  #nextInSeries(ended: Run): QueuedRun | undefined {
    const { context } = ended;
    if (context === undefined || !context.promiseFree || this.#seriesClock() > this.#seriesEnds) return undefined;
    const queued = this.#link.peekNext();
    const { script } = ended.message;
    if (queued === undefined || queued.message.script !== script) return undefined;
    const runMs = performance.now() - ended.startedPrecisely;
    return this.#contexts.handOn(context, runMs, script, queued.message.mtimeMs, queued.arrival) ? queued : undefined;
  }

  /**
   * Writes the text printed last that `outcome` carries (`PRINTED`) into the response of `run` as
   * soon as the kernel tells it, before the isolate call ends: promise work the run left behind
   * runs then, and its prints (sent at once, no longer kept: kernel.js `endOutcome`) come after.
   */
  #writeOutcomeText(run: Run, outcome: string | undefined): void {
    if (run.outcomeTextWritten || outcome === undefined || !outcome.startsWith(PRINTED)) return;
    run.outcomeTextWritten = true;
    run.request.response.write(Buffer.from(outcome.slice(PRINTED.length), 'utf8'), 'print');
  }

  /** The current run failed with `error` (a limit it hit, or a fault on the host side). */
  #fail(error: unknown): void {
    const run = this.#current;
    if (run === undefined) throw error;
    const limit = this.#limitHit(error, run.context);
    const stopped = limit !== undefined;
    this.#end(run, undefined, limit ?? this.#hostFailure(error), stopped);
    this.#release(run, stopped);
  }

  /**
   * Ends `run`: what it printed last, or its failure, goes into its result, which goes to the main
   * process. `stopped`: a limit cut the run short.
   */
  #end(run: Run, outcome: string | undefined, failure?: ErrorDescriptor, stopped = false): void {
    const { request } = run;
    let error = failure;
    if (error === undefined && typeof outcome === 'string') {
      try {
        if (!outcome.startsWith(PRINTED)) error = JSON.parse(outcome) as ErrorDescriptor;
        else this.#writeOutcomeText(run, outcome);
      } catch (thrown) {
        error = this.#hostFailure(thrown);
      }
    }
    this.#clock.stop();
    this.#current = undefined;
    this.#settle.expect(0);
    this.#lastRunMs = performance.now() - run.startedPrecisely;
    this.#link.deliver(
      {
        type: 'result',
        id: run.message.id,
        response: request.response.toSnapshot(),
        sessionOps: request.session.ops,
        sessionUsed: request.session.used ? true : undefined,
        requestUsed: request.requestRead ? true : undefined,
        console: request.console.lines(),
        failure: error === undefined ? undefined : this.#redacted(error),
        stopped: error === undefined ? undefined : stopped,
        cpuMicros: undefined,
        runMicros: Math.round(this.#lastRunMs * 1000),
      },
      run.message.script,
    );
  }

  /** Hands the context of `run` back; `broken` when the run was cut short. */
  #release(run: Run, broken: boolean): void {
    if (run.context !== undefined) this.#contexts.release(run.context, broken, this.#lastRunMs);
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
    try {
      context.define(module.id, this.#loader.source(module), module.api, this.#settings.timeout);
    } catch (error) {
      throw this.#positions.compileError(error);
    }
    if (!module.api) context.track(module.file, module.mtimeMs);
  }

  /** The script's module, found (and its modification time read) once for the run. */
  #mainModule(script: string): ResolvedModule {
    const main = this.#loader.script(script);
    // Gone since the main process found it (it remembers found scripts for a moment): a 404, as if never there.
    if (main === undefined) throw new ScriptNotFoundError();
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

  /** A failure thrown on the host side of the run: a coded error, or a compile error of the script or a module it loads. */
  #hostFailure(error: unknown): ErrorDescriptor {
    const described = describeError(error);
    // Compile errors of the script (syntax) surface here, with no code of ours.
    return isInternal(described) ? { ...described, code: '' } : described;
  }

  /** The failure as it leaves the worker: TypeScript positions of its stack rewritten, host paths hidden, cut (redact.ts). */
  #redacted(failure: ErrorDescriptor): ErrorDescriptor {
    return redactedFailure(failure, this.#settings.limits.maxErrorSize, this.#hostPaths, this.#frames);
  }
}
