/**
 * The worker's end of the synchronous host-call pipes (common/host-call.ts): a call frame is
 * written to the call pipe (fd 4) and the reply read from the reply pipe (fd 5) with blocking
 * reads, so a script run with `runSync` can wait for the main process. The worker runs one script
 * at a time, so at most one call is ever outstanding. Frame layout as in common/frame-channel.ts.
 */
import { readSync, writeSync } from 'node:fs';
import type { HostCall, HostCallReply } from '../../common/host-call.js';

const PREFIX = 8;
const pause = new Int32Array(new SharedArrayBuffer(4));

export class HostCallPipe {
  readonly #callFd: number;
  readonly #replyFd: number;

  constructor(callFd = 4, replyFd = 5) {
    this.#callFd = callFd;
    this.#replyFd = replyFd;
  }

  /** Sends `call` (and its body) and blocks until the main process replies. */
  call(call: HostCall, body: Uint8Array = new Uint8Array(0)): { reply: HostCallReply; body: Uint8Array } {
    const header = Buffer.from(JSON.stringify(call));
    const prefix = Buffer.allocUnsafe(PREFIX);
    prefix.writeUInt32BE(header.length, 0);
    prefix.writeUInt32BE(body.length, 4);
    this.#writeAll(Buffer.concat([prefix, header, body]));
    for (;;) {
      const head = this.#readExactly(PREFIX);
      const headerLength = head.readUInt32BE(0);
      const bodyLength = head.readUInt32BE(4);
      const reply = JSON.parse(this.#readExactly(headerLength).toString('utf8')) as HostCallReply;
      const replyBody = this.#readExactly(bodyLength);
      // A reply to an earlier call (there is none unless a worker fault interrupted one) is skipped.
      if (reply.id === call.id) return { reply, body: replyBody };
    }
  }

  #writeAll(data: Buffer): void {
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(this.#callFd, data, offset, data.length - offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(pause, 0, 0, 1);
      }
    }
  }

  #readExactly(length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    let offset = 0;
    while (offset < length) {
      let read: number;
      try {
        read = readSync(this.#replyFd, buffer, offset, length - offset, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (read === 0) throw new Error('the main process closed the host-call pipe');
      offset += read;
    }
    return buffer;
  }
}
