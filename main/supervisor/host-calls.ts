/**
 * The main process's end of a worker's synchronous host-call pipes (common/host-call.ts): reads
 * call frames from the worker's fd 4 and writes each answer to its fd 5. Every call is answered,
 * with a failure when the handler throws, so a worker never waits for nothing.
 */
import type { Readable, Writable } from 'node:stream';
import { CodedError, HttpClientRefusedError } from '../../common/errors.js';
import { FrameChannel } from '../../common/frame-channel.js';
import type { HostCall, HostCallReply } from '../../common/host-call.js';
import type { RunMessage } from '../../common/protocol.js';

/**
 * Carries out one call; resolves with the reply and its body. `runs` are the runs the calling
 * worker held when the call arrived (the one making the call among them): a call about a run
 * must name one of these, so a worker cannot reach another worker's requests.
 */
export type HostCallHandler = (
  call: HostCall,
  body: Uint8Array,
  runs: readonly RunMessage[],
) => Promise<{ reply: HostCallReply; body?: Uint8Array }>;

/** Bounds on what a worker may send as a call. */
export interface HostCallBounds {
  /** Largest call frame, bytes; a larger one is not read, and `oversized` is told its size. */
  maxFrameBytes: number;
  /** Largest JSON header of a call frame, bytes; a frame announcing a larger one is oversized too. */
  maxHeaderBytes?: number;
  oversized(bytes: number): void;
  /** Told, with the parse error, of a call header that is not JSON; nothing more is read. */
  malformed(error: unknown): void;
}

/**
 * Answers the calls arriving on `input` with `handler`, on `output`; `runs` gives the worker's
 * runs; `bounds` caps what a call may hold (default: no cap).
 */
export function serveHostCalls(
  input: Readable,
  output: Writable,
  handler: HostCallHandler,
  runs: () => readonly RunMessage[] = () => [],
  bounds?: HostCallBounds,
): void {
  const channel = new FrameChannel<HostCallReply, HostCall>(
    input,
    output,
    bounds === undefined
      ? {}
      : {
          maxFrameBytes: bounds.maxFrameBytes,
          ...(bounds.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: bounds.maxHeaderBytes }),
        },
  );
  if (bounds !== undefined) {
    channel.on('oversized', bounds.oversized);
    channel.on('malformed', bounds.malformed);
  }
  channel.on('frame', ({ message, body }) => {
    const id = Number(message.id);
    handler(message, body, runs()).then(
      (answer) => channel.send(answer.reply, answer.body),
      (error: unknown) => channel.send({ id, ok: false, error: describeCodedError(error) }),
    );
  });
}

/** `{ name, code, message }` of a coded error; anything else is an internal error, not described further. */
function describeCodedError(error: unknown): { name: string; code: string; message: string } {
  if (error instanceof CodedError) return { name: error.name, code: error.code, message: error.message };
  return { name: 'Error', code: 'ERR_INTERNAL', message: 'internal error while carrying out the call' };
}

/** The handler of a worker started without one: every call is refused. */
export const refuseHostCalls: HostCallHandler = async () => {
  throw new HttpClientRefusedError('no host is allowed (the allowedHosts option is empty)');
};
