/**
 * Bounds the time a Redis store call may take. A Redis that stops answering without closing its
 * connection (a paused server, a network partition) would otherwise hold every request that needs
 * a session for as long as TCP keeps retrying, minutes. A call that has no answer within
 * `timeout` fails with `ERR_STORE_UNAVAILABLE`; after such a failure, calls fail at once for the
 * next `timeout` ms (one call then probes again), so a silent Redis costs each request at most one
 * timeout and most none.
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

  /** Runs `call`; rejects with `ERR_STORE_UNAVAILABLE` naming `operation` when it takes longer than the timeout. */
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
          reject(error);
        },
      );
    });
  }
}
