/**
 * A shutdown with a bound: the graceful steps run, and if they have not finished within the
 * shutdown timeout (a client trickling a body, a silent store, a run that will not end) the
 * forceful step cuts everything off and the shutdown fails with `ERR_SHUTDOWN_TIMEOUT`.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ShutdownTimeoutError } from '../../common/errors.js';

export { ShutdownTimeoutError };

/**
 * Keeps `sockets` the open connections of `server` (Node's own list can miss one accepted as it
 * closes). Of an HTTPS server, the TLS socket of each connection too, once its handshake is done:
 * the connection's own socket has read the handshake, the TLS socket counts only the requests, so
 * `closeIdleSockets` finds an unused one idle. A handshake that ends once the server was closed
 * (it was under way when `closeIdleSockets` looked) leaves a connection as idle: it is ended too,
 * unless a request came with it.
 */
export function trackSockets(server: Server, sockets: Set<Socket>): void {
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  server.on('secureConnection', (socket: Socket) => {
    track(socket);
    if (!server.listening)
      setImmediate(() => {
        if (socket.bytesRead === 0) socket.destroy();
      });
  });
}

/**
 * Ends the connections of `servers` that carry no request: those Node counts as idle, and those in
 * `sockets` on which the client has sent nothing yet. A browser opens connections ahead of need
 * (Chromium's preconnects) and may leave them unused for minutes; Node's `closeIdleConnections`
 * counts such a connection as one whose request has begun, so without this a browser left open
 * holds a shutdown up until `shutdownTimeout` cuts it off. A connection whose client has sent any
 * byte is left to finish its request.
 */
export function closeIdleSockets(servers: Iterable<Server>, sockets: Set<Socket>): void {
  for (const server of servers) server.closeIdleConnections();
  for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
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
