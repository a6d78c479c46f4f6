/**
 * The response a script builds, buffered in the worker. Nothing reaches the client until the
 * script has ended and its session changes are stored. Servlet rules: after commit (flush, close,
 * sendError, sendRedirect) status and headers no longer change; after close, output is ignored.
 */
import { HeadersTooLargeError, ResponseTooLargeError, TooManyHeadersError } from '../../common/errors.js';
import { isFramingHeader } from '../../common/framing-headers.js';
import { headerSize } from '../../common/limits.js';
import type { ResponseSnapshot } from '../../common/snapshot.js';

export class ResponseBuffer {
  status = 200;
  readonly headers: Array<[string, string]> = [];
  readonly #chunks: Buffer[] = [];
  readonly #maxSize: number;
  readonly #maxHeaders: number;
  readonly #maxHeaderBytes: number;
  #length = 0;
  #headerBytes = 0;
  /** Bytes of the run's other output (its console) counted against the same limit. */
  #otherBytes = 0;
  committed = false;
  closed = false;

  /**
   * @param maxSize most bytes of body plus headers (default: no limit)
   * @param maxHeaders most headers (default: no limit)
   * @param maxHeaderBytes most bytes of all headers, as `headerSize` counts them (default: no limit)
   */
  constructor(maxSize = Infinity, maxHeaders = Infinity, maxHeaderBytes = Infinity) {
    this.#maxSize = maxSize;
    this.#maxHeaders = maxHeaders;
    this.#maxHeaderBytes = maxHeaderBytes;
  }

  /** Appends bytes to the body unless the response is closed; throws past the size limit. */
  write(chunk: Buffer, method = 'write'): void {
    if (this.closed || chunk.length === 0) return;
    this.#reserve(method, chunk.length);
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Bytes of body and headers so far, as counted against the limit. */
  get size(): number {
    return this.#length + this.#headerBytes + this.#otherBytes;
  }

  /** Bytes that may still be written before the size limit (`Infinity` without one). */
  get room(): number {
    return this.#maxSize - this.size;
  }

  /** Counts `bytes` of other output against the limit; false, counting nothing, when they do not fit. */
  reserveOther(bytes: number): boolean {
    if (this.size + bytes > this.#maxSize) return false;
    this.#otherBytes += bytes;
    return true;
  }

  #reserve(method: string, bytes: number): void {
    if (this.size + bytes > this.#maxSize) throw new ResponseTooLargeError(method, this.#maxSize);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Replaces every header of that name (case-insensitive) unless committed. */
  setHeader(name: string, value: string, method = 'setHeader'): void {
    if (this.committed) return;
    this.removeHeader(name);
    this.addHeader(name, value, method);
  }

  /**
   * Adds a header, keeping earlier ones of the same name, unless committed. Headers that frame the
   * message or manage the connection (`Content-Length`, `Transfer-Encoding` …) are the runtime's:
   * they are ignored.
   */
  addHeader(name: string, value: string, method = 'addHeader'): void {
    if (this.committed || isFramingHeader(name)) return;
    if (this.headers.length >= this.#maxHeaders) throw new TooManyHeadersError(method, this.#maxHeaders);
    const size = headerSize(name, value);
    this.#reserve(method, size);
    if (this.#headerBytes + size > this.#maxHeaderBytes) throw new HeadersTooLargeError(method, this.#maxHeaderBytes);
    this.headers.push([name, value]);
    this.#headerBytes += size;
  }

  /** First value of the header, or `undefined`. */
  getHeader(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
  }

  /** Removes every header of that name (case-insensitive), committed or not: callers check. */
  removeHeader(name: string): void {
    const lower = name.toLowerCase();
    for (let i = this.headers.length - 1; i >= 0; i--) {
      const header = this.headers[i];
      if (header === undefined || header[0].toLowerCase() !== lower) continue;
      this.headers.splice(i, 1);
      this.#headerBytes -= headerSize(header[0], header[1]);
    }
  }

  /** Removes every header unless committed. */
  clearHeaders(): void {
    if (this.committed) return;
    this.headers.length = 0;
    this.#headerBytes = 0;
  }

  /** Discards the body (servlet `resetBuffer`) unless committed. */
  resetBody(): void {
    if (this.committed) return;
    this.#chunks.length = 0;
    this.#length = 0;
  }

  toSnapshot(): ResponseSnapshot {
    return { status: this.status, headers: this.headers, body: Buffer.concat(this.#chunks, this.#length) };
  }
}
