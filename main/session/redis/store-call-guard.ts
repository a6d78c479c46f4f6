/**
 * Bounds the time a Redis store call may take. A Redis that stops answering without closing its
 * connection (a paused server, a network partition) would otherwise hold every request that needs
 * a session for as long as TCP keeps retrying, minutes. A call that has no answer within
 * `timeout` fails with `ERR_STORE_UNAVAILABLE`; after such a failure, calls fail at once for the
 * next `timeout` ms (one call then probes again), so a silent Redis costs each request at most one
 * timeout and most none. Any other failure of a call (the client offline, a connection cut, a
 * refused command) also becomes `ERR_STORE_UNAVAILABLE` naming the operation, so every caller
 * (the store, the session lock) answers 503, never a 500.
 */
import { StoreUnavailableError } from '../../../common/errors.js';

export class StoreCallGuard {
  readonly #timeout: number;
  /** `Date.now()` until which calls fail at once, after a call timed out. */
  #failFastUntil = 0;

  /** @param timeout most ms one call may take */
  constructor(timeout: number) {
    this.#timeout = timeout;
  }

  /**
   * Runs `call`; rejects with `ERR_STORE_UNAVAILABLE` naming `operation` when it fails or takes
   * longer than the timeout.
   * @example await guard.run('get', () => client.hGetAll(key)) // fails as "Redis get failed: …"
   */
  run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    if (Date.now() < this.#failFastUntil)
      return Promise.reject(new StoreUnavailableError(`Redis ${operation} skipped: Redis did not answer recently`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#failFastUntil = Date.now() + this.#timeout;
        reject(new StoreUnavailableError(`Redis ${operation} got no answer within ${this.#timeout} ms (storeTimeout)`));
      }, this.#timeout);
      call().then(
        (value) => {
          clearTimeout(timer);
          this.#failFastUntil = 0;
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(asStoreUnavailable(operation, error));
        },
      );
    });
  }
}

/** `error` as `ERR_STORE_UNAVAILABLE` naming `operation` (unchanged when it already is one). */
function asStoreUnavailable(operation: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(
    `Redis ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}
