/**
 * A full garbage collection of the worker's own heap once memory held outside it has grown. The
 * strings isolated-vm copies out of an isolate (a run's printed text, attribute values, whatever a
 * script hands a host function) keep their characters outside V8's heap until a full collection
 * frees them, and the worker's heap, which stays a few MB, never calls for one: a worker serving a
 * 20 KB page grew by about 5 KB a run (300 MB after 40,000 runs, its memory bound of 768 MiB
 * after about 120,000), one serving 1-2 MB pages by half its output, and was killed mid-run a few
 * hundred runs later. A collection of the worker's small heap takes a few milliseconds, once per
 * `EXTERNAL_GROWTH_BYTES` of such strings.
 */
import { getHeapStatistics } from 'node:v8';

/** How far (bytes) memory outside the heap may grow past what the last full collection left. */
export const EXTERNAL_GROWTH_BYTES = 64 * 1024 * 1024;
/** How often (ms) at most that memory is read. */
export const EXTERNAL_CHECK_MS = 100;

/**
 * V8's full collection of this process's own heap: the `gc` that `--expose-gc` gives the worker's
 * own realm (the worker is spawned with it; `--no-expose-gc`, among the context flags, keeps it out
 * of every context made later, the isolates' included: context-flags.ts). A worker that took it from
 * a context of its own instead (`vm.runInNewContext('gc')`) ran its scripts' runs slower while that
 * second context lived, so that quick scripts were not always taken for quick. Throws in a process
 * started without the flag.
 */
export function fullCollection(): () => void {
  const collect = globalThis.gc;
  if (collect === undefined) throw new Error('a sandbox worker must be started with --expose-gc');
  return () => void collect();
}

export class ExternalGarbage {
  readonly #collect: () => void;
  readonly #externalBytes: () => number;
  #baseline: number;
  #checkedAt = Number.NEGATIVE_INFINITY;

  /**
   * @param collect a full collection (`fullCollection()`)
   * @param externalBytes the memory outside the heap (default: V8's `external_memory`)
   */
  constructor(collect: () => void, externalBytes: () => number = () => getHeapStatistics().external_memory) {
    this.#collect = collect;
    this.#externalBytes = externalBytes;
    this.#baseline = externalBytes();
  }

  /**
   * Collects when, at `now` (ms), the last reading is `EXTERNAL_CHECK_MS` old and the memory
   * outside the heap has grown `EXTERNAL_GROWTH_BYTES` past what the last collection left; true
   * when it collected. `beforeCollecting` runs first (the worker sends the results it holds back
   * for a series of quick runs, so none waits out the collection).
   */
  check(now: number, beforeCollecting: () => void = () => {}): boolean {
    if (now - this.#checkedAt < EXTERNAL_CHECK_MS) return false;
    this.#checkedAt = now;
    if (this.#externalBytes() - this.#baseline < EXTERNAL_GROWTH_BYTES) return false;
    beforeCollecting();
    this.#collect();
    this.#baseline = this.#externalBytes();
    return true;
  }
}
