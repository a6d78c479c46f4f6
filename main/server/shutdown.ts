/**
 * A shutdown with a bound: the graceful steps run, and if they have not finished within the
 * shutdown timeout (a client trickling a body, a silent store, a run that will not end) the
 * forceful step cuts everything off and the shutdown fails with `ERR_SHUTDOWN_TIMEOUT`.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { CodedError } from '../../common/errors.js';

/** Keeps `sockets` the open connections of `server` (Node's own list can miss one accepted as it closes). */
export function trackSockets(server: Server, sockets: Set<Socket>): void {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
}

/** The shutdown did not finish gracefully within `shutdownTimeout`; connections and workers were cut off. */
export class ShutdownTimeoutError extends CodedError {
  constructor(timeoutMs: number) {
    super('ERR_SHUTDOWN_TIMEOUT', `shutdown did not finish within ${timeoutMs} ms (shutdownTimeout); cut off`, 503);
  }
}

/**
 * Runs `graceful`; after `timeoutMs` without it finishing, calls `force` and rejects with
 * `ERR_SHUTDOWN_TIMEOUT`.
 */
export function boundedShutdown(graceful: () => Promise<void>, timeoutMs: number, force: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        force();
      } finally {
        reject(new ShutdownTimeoutError(timeoutMs));
      }
    }, timeoutMs);
    graceful().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
