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
import { utf8Text } from './utf8-text.js';

const PREFIX = 8;
const EMPTY = new Uint8Array(0);
/**
 * A frame at least this large (bytes) that has not all arrived is copied into a buffer of its own
 * size chunk by chunk as it arrives, not joined in one go once complete: a 10 MiB result costs the
 * same copy either way, but as slices of one read turn each (at most 32 reads of 64 KiB), not as
 * one long turn in which the process serves nothing else.
 */
const ASSEMBLE_FROM = 64 * 1024;
/**
 * Largest frame copied as it arrives: its buffer is taken when its size is announced, so a larger
 * one (a host call may announce hundreds of MiB) is joined once complete, as announcing alone
 * reserves nothing.
 */
const ASSEMBLE_UP_TO = 64 * 1024 * 1024;
/**
 * Writes queued in one turn that come to at least this many bytes go out as they are, one
 * vectored write, not joined into one buffer first: a large body is not copied again.
 */
const WRITE_PARTS_FROM = 64 * 1024;
/**
 * A header at least this long (bytes) is made text in a later turn of the event loop than the one
 * that read its last bytes, and parsed in the turn after that: each step is linear in its size (on
 * a slow machine a 4 MiB header took 16 ms to become text and 22 ms to parse), and between them the
 * process reads its other sockets. Each step is a `setImmediate` from the one before: one scheduled
 * while reading runs right after that read, before any other socket is read again, so the parse
 * takes a second one. The frames after it wait, so frames are still emitted in the order they came.
 */
const PARSE_LATER_FROM = 1024 * 1024;

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
  /** Bytes in `#pending`. */
  #pendingBytes = 0;
  /** When (`#now()`) the oldest frame in `#pending` was queued. */
  #oldestQueuedAt = 0;
  #flushScheduled = false;
  /** Bytes read and not yet framed, in arrival order. */
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** A large frame being copied into its own buffer as it arrives (see `ASSEMBLE_FROM`). */
  #assembly: { frame: Buffer; filled: number } | undefined;
  /** True while a frame with a long header waits for its parse (`PARSE_LATER_FROM`): nothing after it is framed. */
  #held = false;
  /** The input ended while a frame was held: `close` follows the frames read before the end. */
  #closeWhenDelivered = false;

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
    input.on('end', () => this.#closeAfterHeld());
    input.on('error', () => this.#closeAfterHeld());
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
    this.#pendingBytes += PREFIX + header.length + bodyLength;
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
    const pending = this.#pending;
    const bytes = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    const output = this.#output;
    if (output.destroyed) return;
    if (bytes < WRITE_PARTS_FROM) {
      output.write(Buffer.concat(pending, bytes));
      return;
    }
    output.cork();
    for (const part of pending) output.write(part);
    output.uncork();
  }

  /**
   * Chunks are kept in a list and joined once per complete frame (or once per chunk holding
   * several), never copied again for every chunk that arrives: a large result costs linear work.
   * A large frame is copied into its own buffer as it arrives (`ASSEMBLE_FROM`).
   */
  #read(chunk: Buffer): void {
    const assembly = this.#assembly;
    if (assembly === undefined) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
      if (this.#held) return;
    } else {
      const taken = Math.min(chunk.length, assembly.frame.length - assembly.filled);
      chunk.copy(assembly.frame, assembly.filled, 0, taken);
      assembly.filled += taken;
      if (assembly.filled < assembly.frame.length) return;
      this.#assembly = undefined;
      // What follows the frame waits in the list (empty while assembling) for the loop below,
      // unless the frame's header stops the reading, which empties the list.
      if (taken < chunk.length) {
        this.#chunks.push(chunk.subarray(taken));
        this.#buffered += chunk.length - taken;
      }
      this.#deliver(assembly.frame, assembly.frame.length);
    }
    this.#frameBuffered();
  }

  /** Frames and delivers what is buffered, until a frame is incomplete or one is held. */
  #frameBuffered(): void {
    while (!this.#held && this.#buffered >= PREFIX) {
      const prefix = this.#head(PREFIX);
      const headerLength = prefix.readUInt32BE(0);
      const end = PREFIX + headerLength + prefix.readUInt32BE(4);
      if (end > this.#maxFrameBytes || headerLength > this.#maxHeaderBytes) {
        this.#refuse(end);
        return;
      }
      if (this.#buffered < end) {
        if (end >= ASSEMBLE_FROM && end <= ASSEMBLE_UP_TO) this.#assemble(end);
        return;
      }
      const frame = this.#head(end);
      this.#consume(end);
      this.#deliver(frame, end);
    }
  }

  /** Starts copying the frame of `end` bytes that begins the buffered ones into a buffer of its own. */
  #assemble(end: number): void {
    const frame = Buffer.allocUnsafeSlow(end);
    let filled = 0;
    for (const part of this.#chunks) {
      part.copy(frame, filled);
      filled += part.length;
    }
    this.#chunks = [];
    this.#buffered = 0;
    this.#assembly = { frame, filled };
  }

  /**
   * Decodes the frame that fills `frame` up to `end` and emits it, or stops reading at a header the
   * codec cannot read; a long header is parsed in a later turn (`PARSE_LATER_FROM`).
   */
  #deliver(frame: Buffer, end: number): void {
    const headerEnd = PREFIX + frame.readUInt32BE(0);
    if (headerEnd - PREFIX < PARSE_LATER_FROM) {
      this.#emitFrame(headerText(frame, headerEnd), frame, headerEnd, end);
      return;
    }
    this.#held = true;
    setImmediate(() => {
      const text = headerText(frame, headerEnd);
      setImmediate(() => {
        this.#held = false;
        this.#emitFrame(text, frame, headerEnd, end);
        this.#frameBuffered();
        if (this.#closeWhenDelivered && !this.#held) this.emit('close');
      });
    });
  }

  /** Emits `close` now, or once the held frame and those read after it are emitted. */
  #closeAfterHeld(): void {
    if (this.#held) this.#closeWhenDelivered = true;
    else this.emit('close');
  }

  /** Emits the frame whose header is `text`, or `malformed` (and reads nothing more) when the codec cannot read it. */
  #emitFrame(text: string, frame: Buffer, headerEnd: number, end: number): void {
    let message: In;
    try {
      message = this.#codec.decode(text);
    } catch (error) {
      this.#stopReading();
      this.emit('malformed', error);
      return;
    }
    const body = end === headerEnd ? EMPTY : bodyOf(frame, headerEnd, end);
    this.emit('frame', { message, body });
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
    this.#assembly = undefined;
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

/** The header of a frame (bytes `PREFIX` to `headerEnd`) as text (utf8-text.ts: a long ASCII one decodes fast). */
function headerText(frame: Buffer, headerEnd: number): string {
  return utf8Text(frame, PREFIX, headerEnd);
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
