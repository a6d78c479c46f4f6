/**
 * When the pool starts a replacement worker, and when it declares a crash loop.
 *
 * A worker that dies while running a script died of that script (a memory bomb that aborts V8, or
 * killed for hanging): it is replaced at once. A worker that dies before it became ready, or while
 * idle, points at the environment (a broken install, a missing script root, the OS killing it):
 * replacements then back off, 250 ms doubling up to 5 s. After `CRASH_LOOP_FAULTS` such faults in a
 * row the pool is in a crash loop: requests get 503 `ERR_NO_WORKER` at once instead of waiting,
 * while the pool keeps trying at the longest backoff, until a worker becomes ready again.
 */

/** Faults in a row that make a crash loop. */
export const CRASH_LOOP_FAULTS = 3;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5000;

/** How a worker ended. */
export interface WorkerEnd {
  /** It had sent `ready`. */
  wasReady: boolean;
  /** It was running a script. */
  hadJob: boolean;
}

export class RestartPolicy {
  #faults = 0;

  /** True while workers keep failing: requests are refused instead of queued. */
  get crashLooping(): boolean {
    return this.#faults >= CRASH_LOOP_FAULTS;
  }

  /** Faults in a row so far. */
  get faults(): number {
    return this.#faults;
  }

  /** A worker became ready; returns true when that ends a crash loop. */
  ready(): boolean {
    const wasLooping = this.crashLooping;
    this.#faults = 0;
    return wasLooping;
  }

  /** A worker ended; returns the delay before its replacement starts, ms. */
  ended(end: WorkerEnd): number {
    if (end.hadJob && end.wasReady) return 0;
    this.#faults++;
    return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.#faults - 1));
  }
}
