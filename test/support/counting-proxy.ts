/**
 * A TCP proxy on a free loopback port that forwards every connection to a local port and counts
 * the connections it accepted: it shows how often a client connects, whatever the protocol (TLS
 * passes through it untouched).
 */
import { once } from 'node:events';
import net from 'node:net';

export interface CountingProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Resolves once at least `count` connections were accepted. */
  reached(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  let connections = 0;
  const waiting = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((incoming) => {
    connections++;
    const outgoing = net.connect(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
    for (const check of waiting) check();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    get connections() {
      return connections;
    },
    reached: (count) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (connections < count) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
