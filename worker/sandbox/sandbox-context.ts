/**
 * A context of a sandbox isolate with the guest kernel and the host bridge installed: what a script
 * runs in. The host keeps references to the kernel's functions (`runSeries`, `define` and the
 * rest); the script sees none, only the globals of its own realm and the modules it requires.
 */
import { statSync } from 'node:fs';
import ivm from 'isolated-vm';
import type { ErrorDescriptor } from '../../common/errors.js';
import type { Primitive } from '../facade/context.js';
import { FACADE_FUNCTIONS } from '../facade/registry.js';
import type { ApiContext } from './esm-api.js';
import { describeGuestFailure, isLimit, takeLastCodedError } from './guest-failure.js';
import { runsArrived } from './arrivals.js';
import type { SandboxIsolate } from './sandbox-isolate.js';

/**
 * Source text that can leave promise work behind when a run's body returned (a `then` callback, an
 * async function past an `await`). Such work runs when the isolate call ends, so a context whose
 * modules may do so runs no series: a later run of the series would be current when it ran.
 */
const PROMISE_SYNTAX = /\b(?:async|await|Promise|then|queueMicrotask)\b|\.\s*(?:catch|finally)\b|\bimport\s*\(/;

/**
 * Every facade function's number, as the text the kernel's boot takes and looks a function up in
 * the first time a context calls it: ",facade.fn=number,…,". One string crosses into each new
 * context, not a table.
 */
let functionTable: string | undefined;

function facadeFunctionTable(): string {
  functionTable ??= `,${FACADE_FUNCTIONS.map(([facade, fn], number) => `${facade}.${fn}=${number}`).join(',')},`;
  return functionTable;
}

/** What the guest kernel calls on the host. */
export interface GuestBridge {
  /**
   * The facade function numbered `number` in `FACADE_FUNCTIONS` (registry.ts) for the request
   * being served, after the print `text`, flush or close (`commit`) the kernel deferred (see
   * `applyDeferred` in facade/response.ts).
   */
  callFacade(number: unknown, args: readonly unknown[], commit: unknown, text: unknown): Primitive | ErrorDescriptor;
  /** Resolves `specifier` required from `fromId` and defines it in `context`; returns its id. */
  load(context: SandboxContext, fromId: string, specifier: string): string | ErrorDescriptor;
  /** The promise a script returned settled; `description` is its error as JSON text, if any. */
  settle(runId: number, description: string | undefined): void;
  /**
   * The current run of a `runSeries` has the outcome `outcome` (never `PENDING`). Returns the next
   * run of the same main module to go on with in the same call (the current run then ended): its
   * number when its print room is the one the series started with (a number crosses into the
   * isolate cheaper than an array), else its number and print room. `undefined` ends the series:
   * `runSeries` returns the outcome, and the run ends after the call.
   */
  following(outcome: KernelOutcome): number | readonly [runId: number, printRoom: number] | undefined;
}

/**
 * The kernel's answer to a run: done (`undefined`), waiting for a promise (`PENDING`), an error
 * description (JSON text), or done with text printed last still to print (`PRINTED` and the text).
 */
export type KernelOutcome = undefined | string;
export const PENDING = 'pending';
export const PRINTED = ':';

type KernelRunSeries = (mainId: string, runId: number, printRoom: number) => KernelOutcome;
type KernelDefine = (id: string, wrapper: unknown, api: boolean) => void;
/** The kernel's boot function (see kernel.js): takes the host bridge, returns the kernel's functions. */
type KernelBoot = (
  host: ivm.Callback,
  load: ivm.Callback,
  settle: ivm.Callback,
  following: ivm.Callback,
  functionTable: string,
  singleUse: boolean,
) => unknown;

export class SandboxContext {
  readonly owner: SandboxIsolate;
  /** What the ES module runner works with: the isolate, the context, the kernel's functions. */
  readonly apiTarget: ApiContext;
  readonly #context: ivm.Context;
  /** The frozen object of the kernel's functions that its boot returned. */
  readonly #kernel: ivm.Reference;
  readonly #define: ivm.Reference<KernelDefine>;
  /** The kernel's functions (`runSeries`, `define`, and those of `ApiContext`), by name. */
  readonly #kernelFunctions = new Map<string, ivm.Reference>();
  readonly #defined = new Set<string>();
  #promiseFree = true;
  /** The files under the root whose code this context holds, with their modification times. */
  readonly #files = new Map<string, number | undefined>();
  /** Runs numbered up to this had arrived when the files were last found unchanged (arrivals.ts). */
  #checkedForRunsUpTo = 0;
  #released = false;

  /** @param singleUse true when the context serves one request and is dropped (`--isolation request`) */
  constructor(owner: SandboxIsolate, bridge: GuestBridge, singleUse = false) {
    this.owner = owner;
    this.#context = owner.isolate.createContextSync();
    owner.contextsCreated++;
    owner.liveContexts++;
    try {
      const host = new ivm.Callback(
        (number: unknown, a: unknown, b: unknown, c: unknown, commit: unknown, text: unknown) =>
          bridge.callFacade(number, [a, b, c], commit, text),
      );
      const load = new ivm.Callback((fromId: unknown, specifier: unknown) =>
        bridge.load(this, String(fromId), String(specifier)),
      );
      const settle = new ivm.Callback((runId: unknown, description: unknown) =>
        bridge.settle(Number(runId), typeof description === 'string' ? description : undefined),
      );
      const following = new ivm.Callback((outcome: unknown) =>
        bridge.following(typeof outcome === 'string' ? outcome : undefined),
      );
      const boot = owner.kernel.runSync(this.#context, { reference: true }) as ivm.Reference<KernelBoot>;
      try {
        this.#kernel = boot.applySync(undefined, [host, load, settle, following, facadeFunctionTable(), singleUse], {
          result: { reference: true },
        }) as ivm.Reference;
      } finally {
        boot.release();
      }
      this.#define = this.#kernelFunction('define') as ivm.Reference<KernelDefine>;
      this.apiTarget = {
        isolate: owner.isolate,
        context: this.#context,
        kernelFunction: (name) => this.#kernelFunction(name),
      };
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** True once module `id` is defined in this context. */
  defines(id: string): boolean {
    return this.#defined.has(id);
  }

  /**
   * True while no script module defined here has promise syntax (`PROMISE_SYNTAX`; the API modules
   * leave no promise work): only then may a run be followed by another in the same call.
   */
  get promiseFree(): boolean {
    return this.#promiseFree;
  }

  /** Defines a module in this context once (compiling it once per isolate). */
  define(id: string, source: string, api: boolean, timeout: number): void {
    if (this.#defined.has(id)) return;
    if (!api && PROMISE_SYNTAX.test(source)) this.#promiseFree = false;
    const wrapper = this.owner.compile(id, source, api).runSync(this.#context, { reference: true, timeout });
    try {
      this.#define.applySync(undefined, [id, wrapper.derefInto(), api], { timeout });
    } finally {
      wrapper.release();
    }
    this.#defined.add(id);
  }

  /** Remembers that this context holds the code of `file` as of `mtimeMs` (default: now; see `stale`). */
  track(file: string, mtimeMs = mtimeOf(file)): void {
    this.#files.set(file, mtimeMs);
  }

  /**
   * True when a file this context holds changed or is gone since it was loaded: the context must
   * not serve another request. One `stat` per file, unless the files were found unchanged after
   * run number `run` arrived (see arrivals.ts); default: always check.
   */
  stale(run = Number.POSITIVE_INFINITY): boolean {
    if (run <= this.#checkedForRunsUpTo) return false;
    const upTo = runsArrived();
    for (const [file, mtimeMs] of this.#files) if (mtimeOf(file) !== mtimeMs) return true;
    this.#checkedForRunsUpTo = upTo;
    return false;
  }

  /**
   * Runs the main module `mainId` for run `runId`, then every further run that the bridge's
   * `following` hands over, all in one isolate call under one time limit of `timeout` ms (so
   * `following` must stop a series well before that: script-host.ts). Returns the outcome of the
   * last run; `PENDING` means the host must wait for `settle(runId)` of it. The kernel may keep up
   * to `printRoom` bytes of printed text for a later call or the outcome. A promise the script did
   * not await that rejected (isolated-vm throws it out of the call) is the last run's error, described
   * as the kernel describes an uncaught one; a limit (time, memory) is thrown for the host.
   */
  runSeries(mainId: string, runId: number, timeout: number, printRoom: number): KernelOutcome {
    const runSeries = this.#kernelFunction('runSeries') as ivm.Reference<KernelRunSeries>;
    try {
      return runSeries.applySync(undefined, [mainId, runId, printRoom], { timeout }) as KernelOutcome;
    } catch (error) {
      if (isLimit(this.apiTarget, error)) throw error;
      return JSON.stringify(describeGuestFailure(error, takeLastCodedError(this.apiTarget), true));
    }
  }

  /** Frees the context; the isolate is told so it can be disposed once none is left. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.owner.liveContexts--;
    if (this.owner.disposed) return;
    // References keep their objects alive until released; without this, churn fills the heap.
    for (const reference of this.#kernelFunctions.values()) reference.release();
    this.#kernel?.release();
    this.#context.release();
  }

  /** A function of the kernel's, looked up once per context. */
  #kernelFunction(name: string): ivm.Reference {
    let reference = this.#kernelFunctions.get(name);
    if (reference === undefined) {
      reference = this.#kernel.getSync(name, { reference: true }) as ivm.Reference;
      this.#kernelFunctions.set(name, reference);
    }
    return reference;
  }
}

function mtimeOf(file: string): number | undefined {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}
