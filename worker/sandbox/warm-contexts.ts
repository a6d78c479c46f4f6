/**
 * Isolation `script` (the default): one warm context per script in one isolate, reused by every
 * request of that script. What a script leaves in its globals persists between its requests (in
 * this worker); its module instances do not (the kernel gives each request a fresh module cache).
 *
 * A warm context is dropped when its script file or any file it loaded changes (one `stat` per
 * loaded file per burst of requests: SandboxContext.stale), when a run was cut short (time limit,
 * deadline, memory), and when more than `WARM_CONTEXT_LIMIT` scripts are warm (least recently used
 * first). The whole isolate is replaced when its heap passes the recycle threshold after a run
 * (read after every millisecond of runs: sandbox-isolate.ts), so state piling up in warm contexts
 * never drives a request into the memory limit.
 */
import type { ContextSource } from './context-source.js';
import type { SandboxContext } from './sandbox-context.js';
import { SandboxIsolate } from './sandbox-isolate.js';

/** Most scripts kept warm per worker. */
export const WARM_CONTEXT_LIMIT = 100;

interface Warm {
  context: SandboxContext;
  mtimeMs: number;
}

export class WarmContexts implements ContextSource {
  readonly #memoryLimit: number;
  readonly #create: (isolate: SandboxIsolate) => SandboxContext;
  /** Warm contexts by script, least recently used first. */
  readonly #warm = new Map<string, Warm>();
  /** The script acquired last (the map's last key): acquiring it again needs no reordering. */
  #latest: string | undefined;
  #isolate: SandboxIsolate | undefined;

  constructor(memoryLimit: number, create: (isolate: SandboxIsolate) => SandboxContext) {
    this.#memoryLimit = memoryLimit;
    this.#create = create;
  }

  acquire(script: string, mtimeMs: number, run?: number): SandboxContext {
    if (this.#isolate?.disposed === true) this.#recycle();
    const warm = this.#warm.get(script);
    if (warm !== undefined && fresh(warm, mtimeMs, run)) {
      // Moved to the end (most recent) unless it is there: a delete and set per run shrinks and regrows the map.
      if (script !== this.#latest) {
        this.#warm.delete(script);
        this.#warm.set(script, warm);
        this.#latest = script;
      }
      return warm.context;
    }
    this.#warm.delete(script);
    warm?.context.release();
    this.#isolate ??= new SandboxIsolate(this.#memoryLimit);
    const context = this.#create(this.#isolate);
    this.#warm.set(script, { context, mtimeMs });
    this.#latest = script;
    for (const [oldest, entry] of this.#warm) {
      if (this.#warm.size <= WARM_CONTEXT_LIMIT) break;
      this.#warm.delete(oldest);
      entry.context.release();
    }
    return context;
  }

  release(context: SandboxContext, broken: boolean, runMs: number): void {
    if (broken) {
      for (const [script, entry] of this.#warm) {
        if (entry.context !== context) continue;
        this.#warm.delete(script);
        context.release();
      }
    }
    if (this.#isolate?.heapNearlyFullAfterRun(runMs)) this.#recycle();
  }

  handOn(context: SandboxContext, runMs: number, script: string, mtimeMs: number, run: number): boolean {
    const warm = this.#warm.get(script);
    return (
      warm?.context === context &&
      script === this.#latest &&
      !context.owner.disposed &&
      fresh(warm, mtimeMs, run) &&
      !context.owner.heapNearlyFullAfterRun(runMs)
    );
  }

  prepare(): void {
    this.#isolate ??= new SandboxIsolate(this.#memoryLimit);
  }

  close(): void {
    this.#recycle();
  }

  #recycle(): void {
    this.#warm.clear();
    this.#isolate?.dispose();
    this.#isolate = undefined;
  }
}

/** True when `warm` serves a run of its script as of `mtimeMs`, numbered `run` (see `SandboxContext.stale`). */
function fresh(warm: Warm, mtimeMs: number, run: number | undefined): boolean {
  return warm.mtimeMs === mtimeMs && !warm.context.stale(run);
}
