/**
 * A message channel over a pair of byte streams, faster than Node's IPC channel for many small
 * messages: each frame is a JSON header plus an optional binary body, and frames sent in the same
 * turn of the event loop go out in a single write.
 *
 * Frame layout: uint32 header length, uint32 body length (big-endian), header (UTF-8 JSON), body.
 */
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

const PREFIX = 8;
const EMPTY = new Uint8Array(0);

export interface Frame<T> {
  message: T;
  body: Uint8Array;
}

/** Sends frames on `output` and emits `frame` for each frame read from `input`. */
export class FrameChannel<Out, In> extends EventEmitter<{ frame: [Frame<In>]; close: [] }> {
  readonly #output: Writable;
  #pending: Buffer[] = [];
  #flushScheduled = false;
  #buffer: Buffer = Buffer.alloc(0);

  constructor(input: Readable, output: Writable) {
    super();
    this.#output = output;
    input.on('data', (chunk: Buffer) => this.#read(chunk));
    input.on('end', () => this.emit('close'));
    input.on('error', () => this.emit('close'));
    output.on('error', () => this.emit('close'));
  }

  /** Queues a frame; frames queued in one event-loop turn are written together. */
  send(message: Out, body: Uint8Array = EMPTY): void {
    const header = Buffer.from(JSON.stringify(message));
    const prefix = Buffer.allocUnsafe(PREFIX);
    prefix.writeUInt32BE(header.length, 0);
    prefix.writeUInt32BE(body.length, 4);
    this.#pending.push(prefix, header);
    if (body.length > 0) this.#pending.push(Buffer.from(body.buffer, body.byteOffset, body.length));
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes every queued frame now. */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#pending.length === 0) return;
    const data = Buffer.concat(this.#pending);
    this.#pending = [];
    if (!this.#output.destroyed) this.#output.write(data);
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let offset = 0;
    while (this.#buffer.length - offset >= PREFIX) {
      const headerLength = this.#buffer.readUInt32BE(offset);
      const bodyLength = this.#buffer.readUInt32BE(offset + 4);
      const end = offset + PREFIX + headerLength + bodyLength;
      if (this.#buffer.length < end) break;
      const headerEnd = offset + PREFIX + headerLength;
      const message = JSON.parse(this.#buffer.toString('utf8', offset + PREFIX, headerEnd)) as In;
      const body = bodyLength === 0 ? EMPTY : Uint8Array.prototype.slice.call(this.#buffer, headerEnd, end);
      offset = end;
      this.emit('frame', { message, body });
    }
    this.#buffer = offset === this.#buffer.length ? Buffer.alloc(0) : this.#buffer.subarray(offset);
  }
}
