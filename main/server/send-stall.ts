/**
 * A response its client takes none of for `sendTimeout` ms has its connection closed. Without it
 * a client that stays connected and never reads holds its response's bytes (`maxBufferedBytes`)
 * for ever, so a dozen such connections would have every large answer refused with 503 for as
 * long as they stay. Progress is anything the connection hands on: a write the kernel completes,
 * or bytes of the one under way it takes (libuv's write queue, which TLS sockets report too). A
 * client that reads slowly but reads is never cut, however long its answer takes.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Bytes the connection has not handed to the kernel yet: Node's buffer plus libuv's write queue. */
function unsentBytes(socket: Socket): number {
  const queued = (socket as Socket & { _handle?: { writeQueueSize?: unknown } | null })._handle?.writeQueueSize;
  return socket.writableLength + (typeof queued === 'number' ? queued : 0);
}

/**
 * Watches `response` until it closes: when its connection hands on nothing for `sendTimeoutMs`
 * (checked four times as often, at most once a second), `stalled` is told (the access line then
 * says `aborted`: Node counts a response whose connection was destroyed as finished) and the
 * connection is destroyed, which closes the response.
 */
export function closeWhenStalled(response: ServerResponse, sendTimeoutMs: number, stalled: () => void): void {
  const socket = response.socket;
  if (socket === null || socket.destroyed) return;
  let unsent = unsentBytes(socket);
  let progressAt = performance.now();
  const timer = setInterval(
    () => {
      const now = unsentBytes(socket);
      if (now !== unsent) {
        unsent = now;
        progressAt = performance.now();
      } else if (performance.now() - progressAt >= sendTimeoutMs) {
        clearInterval(timer);
        stalled();
        socket.destroy();
      }
    },
    Math.max(1, Math.min(1000, Math.floor(sendTimeoutMs / 4))),
  );
  timer.unref();
  response.once('close', () => clearInterval(timer));
}
