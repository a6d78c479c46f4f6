/**
 * Where the script host gets the context a run executes in. Each isolation mode is one source:
 * `WarmContexts` (isolation `script`) and `ContextPool` (isolation `request`).
 */
import type { SandboxContext } from './sandbox-context.js';

export interface ContextSource {
  /**
   * A context to run `script` in (the caller defines the script's module in it), for the run
   * numbered `run` by arrivals.ts (a freshness check made after it arrived holds for it).
   */
  acquire(script: string, mtimeMs: number, run?: number): SandboxContext;
  /**
   * Hands a context back after a run. `broken` when the run was cut short (time limit, deadline,
   * memory): the context's state is then unknown and it is not used again. `runMs`: how long the
   * run took (a fast run allocated little, so the heap need not be read after each one).
   */
  release(context: SandboxContext, broken: boolean, runMs: number): void;
  /**
   * Hands `context` on from a run that ended normally after `runMs` straight to the next, without a
   * `release` and an `acquire`, when that changes nothing: the next run is of `script` as of
   * `mtimeMs` (numbered `run` by arrivals.ts), `acquire` would give it this context, and its isolate
   * needs no recycling. True: the context is the next run's. False: the caller releases it.
   */
  handOn(context: SandboxContext, runMs: number, script: string, mtimeMs: number, run: number): boolean;
  /** Work done ahead of demand while the worker is idle. */
  prepare(): void;
  /** Frees every context and isolate. */
  close(): void;
}
