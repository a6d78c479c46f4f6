/**
 * A full garbage collection of the worker's own heap once memory held outside it has grown. The
 * strings isolated-vm copies out of an isolate (a run's printed text, attribute values, whatever a
 * script hands a host function) keep their characters outside V8's heap until a full collection
 * frees them, and the worker's heap, which stays a few MB, never calls for one: a worker serving a
 * 20 KB page grew by about 5 KB a run (300 MB after 40,000 runs, its memory bound of 768 MiB
 * after about 120,000), one serving 1-2 MB pages by half its output, and was killed mid-run a few
 * hundred runs later. The worker is spawned with `--expose-gc` for this; a collection of its small
 * heap takes a few milliseconds, once per `EXTERNAL_GROWTH_BYTES` of such strings.
 */
import { getHeapStatistics } from 'node:v8';

/** How far (bytes) memory outside the heap may grow past what the last full collection left. */
export const EXTERNAL_GROWTH_BYTES = 64 * 1024 * 1024;
/** How often (ms) at most that memory is read. */
export const EXTERNAL_CHECK_MS = 100;

export class ExternalGarbage {
  readonly #collect: (() => void) | undefined;
  readonly #externalBytes: () => number;
  #baseline: number;
  #checkedAt = Number.NEGATIVE_INFINITY;

  /**
   * @param collect a full collection (default: the `gc` of `--expose-gc`; without it, `check` does nothing)
   * @param externalBytes the memory outside the heap (default: V8's `external_memory`)
   */
  constructor(
    collect: (() => void) | undefined = globalThis.gc,
    externalBytes: () => number = () => getHeapStatistics().external_memory,
  ) {
    this.#collect = collect;
    this.#externalBytes = externalBytes;
    this.#baseline = externalBytes();
  }

  /**
   * Collects when, at `now` (ms), the last reading is `EXTERNAL_CHECK_MS` old and the memory
   * outside the heap has grown `EXTERNAL_GROWTH_BYTES` past what the last collection left; true
   * when it collected.
   */
  check(now: number): boolean {
    if (this.#collect === undefined || now - this.#checkedAt < EXTERNAL_CHECK_MS) return false;
    this.#checkedAt = now;
    if (this.#externalBytes() - this.#baseline < EXTERNAL_GROWTH_BYTES) return false;
    this.#collect();
    this.#baseline = this.#externalBytes();
    return true;
  }
}
