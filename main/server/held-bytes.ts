/**
 * A bound on the response bytes the main process holds for clients that have not read them yet.
 * A response (body and headers) is counted from the moment it is accepted until its connection
 * has taken it all (or closed); one that would pass the bound is refused with 503 `ERR_OVERLOADED`
 * before anything is committed, so clients that never read cannot grow the process without limit.
 * A response its client takes none of for `sendTimeout` ms has its connection closed, so clients
 * that never read cannot hold the bound either (send-stall.ts).
 */
import type { ServerResponse } from 'node:http';
import { OverloadedError } from '../../common/errors.js';
import { closeWhenStalled } from './send-stall.js';

export class HeldResponseBytes {
  readonly #limit: number;
  readonly #sendTimeoutMs: number;
  #held = 0;

  /**
   * @param limit most bytes held at once (option `maxBufferedBytes`)
   * @param sendTimeoutMs longest a held response may go without its client taking any of it (option `sendTimeout`)
   */
  constructor(limit: number, sendTimeoutMs: number) {
    this.#limit = limit;
    this.#sendTimeoutMs = sendTimeoutMs;
  }

  /** Bytes held now. */
  get held(): number {
    return this.#held;
  }

  /**
   * Counts `bytes` for `response`; throws `ERR_OVERLOADED` when that would pass the limit. A
   * response that fits alone is always accepted when nothing else is held. Every reservation must
   * be followed by `releaseWhenSent` for the same response and bytes, whatever happens between.
   */
  reserve(bytes: number): void {
    if (bytes === 0) return;
    if (this.#held > 0 && this.#held + bytes > this.#limit)
      throw new OverloadedError(`${this.#held} response bytes are waiting for slow clients (maxBufferedBytes)`);
    this.#held += bytes;
  }

  /**
   * Stops counting `bytes` reserved for `response` once its connection has taken them all, or has
   * closed: at once when the response already went out whole (most do: the kernel takes a small
   * response in the write that ends it), else when the response closes, which it does after its
   * last byte is written or when its connection ends; a connection that takes none of it for
   * `sendTimeout` ms is closed, its `log` marked `sendTimedOut` first (the request's access log).
   */
  releaseWhenSent(response: ServerResponse, bytes: number, log: { sendTimedOut: boolean }): void {
    if (bytes === 0) return;
    if (response.writableFinished) {
      this.#held -= bytes;
      return;
    }
    response.once('close', () => {
      this.#held -= bytes;
    });
    closeWhenStalled(response, this.#sendTimeoutMs, () => {
      log.sendTimedOut = true;
    });
  }
}
