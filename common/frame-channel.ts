/**
 * A message channel over a pair of byte streams, faster than Node's IPC channel for many small
 * messages: each frame is a JSON header plus an optional binary body, and frames sent in the same
 * turn of the event loop go out in a single write (or sooner: `writeAfterMicros`).
 *
 * Frame layout: uint32 header length, uint32 body length (big-endian), header (UTF-8 JSON), body.
 * How a message becomes its JSON header is the channel's codec: `JSON.stringify` and `JSON.parse`
 * unless given (run and worker frames have their own: worker-frames.ts).
 */
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

const PREFIX = 8;
const EMPTY = new Uint8Array(0);

export interface Frame<T> {
  message: T;
  body: Uint8Array;
}

/** How messages are written as frame headers (JSON text) and read back. */
export interface FrameCodec<Out, In> {
  encode(message: Out): string;
  /** The message of a header; throws for a header it cannot read. */
  decode(text: string): In;
}

/** Headers as `JSON.stringify` writes the message. */
function jsonCodec<Out, In>(): FrameCodec<Out, In> {
  return { encode: (message) => JSON.stringify(message), decode: (text) => JSON.parse(text) as In };
}

export interface FrameChannelOptions<Out, In> {
  /**
   * Largest frame accepted from `input`, bytes, prefix included (default: no bound). A frame
   * announced larger is not buffered: the channel stops reading and emits `oversized`.
   */
  maxFrameBytes?: number;
  /**
   * Largest header accepted from `input`, bytes (default: no bound but `maxFrameBytes`): a frame
   * announcing a larger one is refused as an oversized frame, so no large JSON is ever parsed.
   */
  maxHeaderBytes?: number;
  /** How headers are written and read (default: `JSON.stringify`, `JSON.parse`). */
  codec?: FrameCodec<Out, In>;
  /**
   * How long (µs) the oldest queued frame may wait in a long turn: a frame queued this long after
   * it writes every queued frame at once, without waiting for the end of the turn (default: no
   * bound, one write per turn). The other side can start on them while this side goes on.
   */
  writeAfterMicros?: number;
  /** The clock `writeAfterMicros` reads, in milliseconds (default: `performance.now`). */
  now?: () => number;
}

/**
 * Sends frames on `output` and emits `frame` for each frame read from `input`; `oversized` (with
 * the announced size) when the other side announces a frame over `maxFrameBytes` (or a header
 * over `maxHeaderBytes`), and `malformed`
 * (with the codec's error) for a header the codec cannot read; after either, nothing more is read.
 */
export class FrameChannel<Out, In> extends EventEmitter<{
  frame: [Frame<In>];
  close: [];
  oversized: [number];
  malformed: [unknown];
}> {
  readonly #output: Writable;
  readonly #input: Readable;
  readonly #maxFrameBytes: number;
  readonly #maxHeaderBytes: number;
  readonly #codec: FrameCodec<Out, In>;
  readonly #onData = (chunk: Buffer) => this.#read(chunk);
  /** `writeAfterMicros` in milliseconds, the clock's unit. */
  readonly #writeAfterMs: number;
  readonly #now: () => number;
  #pending: Buffer[] = [];
  /** When (`#now()`) the oldest frame in `#pending` was queued. */
  #oldestQueuedAt = 0;
  #flushScheduled = false;
  /** Bytes read and not yet framed, in arrival order. */
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(input: Readable, output: Writable, options: FrameChannelOptions<Out, In> = {}) {
    super();
    this.#output = output;
    this.#input = input;
    this.#maxFrameBytes = options.maxFrameBytes ?? Number.POSITIVE_INFINITY;
    this.#maxHeaderBytes = options.maxHeaderBytes ?? Number.POSITIVE_INFINITY;
    this.#codec = options.codec ?? jsonCodec<Out, In>();
    this.#writeAfterMs = (options.writeAfterMicros ?? Number.POSITIVE_INFINITY) / 1000;
    this.#now = options.now ?? (() => performance.now());
    input.on('data', this.#onData);
    input.on('end', () => this.emit('close'));
    input.on('error', () => this.emit('close'));
    output.on('error', () => this.emit('close'));
  }

  /**
   * Queues a frame; frames queued in one event-loop turn are written together. `body` may come in
   * parts, which the frame carries one after the other.
   */
  send(message: Out, body: Uint8Array | readonly Uint8Array[] = EMPTY): void {
    const header = Buffer.from(this.#codec.encode(message));
    const parts = body instanceof Uint8Array ? [body] : body;
    let bodyLength = 0;
    for (const part of parts) bodyLength += part.length;
    const prefix = Buffer.allocUnsafe(PREFIX);
    prefix.writeUInt32BE(header.length, 0);
    prefix.writeUInt32BE(bodyLength, 4);
    const queuedBefore = this.#pending.length > 0;
    this.#pending.push(prefix, header);
    for (const part of parts)
      if (part.length > 0) this.#pending.push(Buffer.from(part.buffer, part.byteOffset, part.length));
    if (this.#writeAfterMs !== Number.POSITIVE_INFINITY) {
      const now = this.#now();
      if (!queuedBefore) this.#oldestQueuedAt = now;
      else if (now - this.#oldestQueuedAt >= this.#writeAfterMs) {
        this.#write();
        return;
      }
    }
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes every queued frame now. */
  flush(): void {
    this.#flushScheduled = false;
    this.#write();
  }

  /** Writes the queued frames, if any; a flush already scheduled finds none, or later ones. */
  #write(): void {
    if (this.#pending.length === 0) return;
    const data = Buffer.concat(this.#pending);
    this.#pending = [];
    if (!this.#output.destroyed) this.#output.write(data);
  }

  /**
   * Chunks are kept in a list and joined once per complete frame (or once per chunk holding
   * several), never copied again for every chunk that arrives: a large result costs linear work.
   */
  #read(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    while (this.#buffered >= PREFIX) {
      const prefix = this.#head(PREFIX);
      const end = PREFIX + prefix.readUInt32BE(0) + prefix.readUInt32BE(4);
      if (end > this.#maxFrameBytes || prefix.readUInt32BE(0) > this.#maxHeaderBytes) {
        this.#refuse(end);
        return;
      }
      if (this.#buffered < end) return;
      const frame = this.#head(end);
      this.#consume(end);
      const headerEnd = PREFIX + prefix.readUInt32BE(0);
      let message: In;
      try {
        message = this.#codec.decode(frame.toString('utf8', PREFIX, headerEnd));
      } catch (error) {
        this.#stopReading();
        this.emit('malformed', error);
        return;
      }
      const body = end === headerEnd ? EMPTY : bodyOf(frame, headerEnd, end);
      this.emit('frame', { message, body });
    }
  }

  /** Stops reading after a frame announced over the bound: nothing of it is kept. */
  #refuse(announced: number): void {
    this.#stopReading();
    this.emit('oversized', announced);
  }

  #stopReading(): void {
    this.#input.off('data', this.#onData);
    this.#chunks = [];
    this.#buffered = 0;
  }

  /** A buffer starting with the first `length` buffered bytes (there are that many); chunks are joined only when needed. */
  #head(length: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    if (first.length >= length) return first;
    const joined = Buffer.concat(this.#chunks, this.#buffered);
    this.#chunks = [joined];
    return joined;
  }

  /** Drops the first `length` bytes (they belong to the frame just read). */
  #consume(length: number): void {
    const first = this.#chunks[0] as Buffer;
    this.#buffered -= length;
    if (first.length === length) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(length);
  }
}

/**
 * The body of a frame: a view when it is most of the buffer it was read into (a large body is not
 * copied again), else a copy, so a small body never keeps a whole read buffer alive while its
 * response waits for a slow client.
 */
function bodyOf(frame: Buffer, start: number, end: number): Uint8Array {
  if ((end - start) * 2 >= frame.buffer.byteLength) return frame.subarray(start, end);
  return Uint8Array.prototype.slice.call(frame, start, end);
}
