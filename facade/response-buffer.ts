/**
 * The response a script builds, buffered in the worker. Nothing reaches the client until the
 * script has ended and its session changes are stored. Servlet rules: after commit (flush, close,
 * sendError, sendRedirect) status and headers no longer change; after close, output is ignored.
 */
import type { ResponseSnapshot } from './snapshot.js';

export class ResponseBuffer {
  status = 200;
  readonly headers: Array<[string, string]> = [];
  readonly #chunks: Buffer[] = [];
  #length = 0;
  committed = false;
  closed = false;

  /** Appends bytes to the body unless the response is closed. */
  write(chunk: Buffer): void {
    if (this.closed) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Replaces every header of that name (case-insensitive) unless committed. */
  setHeader(name: string, value: string): void {
    if (this.committed) return;
    this.removeHeader(name);
    this.headers.push([name, value]);
  }

  /** Adds a header, keeping earlier ones of the same name, unless committed. */
  addHeader(name: string, value: string): void {
    if (this.committed) return;
    this.headers.push([name, value]);
  }

  /** First value of the header, or `undefined`. */
  getHeader(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
  }

  removeHeader(name: string): void {
    const lower = name.toLowerCase();
    for (let i = this.headers.length - 1; i >= 0; i--) {
      if (this.headers[i]?.[0].toLowerCase() === lower) this.headers.splice(i, 1);
    }
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
