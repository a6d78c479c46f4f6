/**
 * Child process entry: the no-sandbox limit (targets/limit-app.ts) on bare `node:http`, on a free
 * loopback port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLimitHandler } from '../targets/limit-app.js';
import { serveInChild } from './serve-in-child.js';

await serveInChild(async () => {
  const server = http.createServer(createLimitHandler());
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
});
