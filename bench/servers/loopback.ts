/**
 * An HTTP server for a benchmark target, on a free loopback port: the bench's server processes and
 * the bench's own specs start theirs the same way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening server: its URL, and `close`, which ends open connections too. */
export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 on a free port; rejects when it cannot listen. */
export async function listenOnLoopback(handler: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
