/**
 * Child process entry: the express + express-session peer on a free loopback port, with
 * express-session's MemoryStore, or with connect-redis when the parent names a Redis.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { createExpressApp } from '../targets/express-app.js';
import { serveInChild } from './serve-in-child.js';

/** What the parent chooses. */
export interface ExpressServerConfig {
  /** Keep sessions in Redis at this URL through connect-redis (the Redis rows); default in memory. */
  redisUrl?: string;
}

await serveInChild(async (config: ExpressServerConfig) => {
  const redis = config.redisUrl === undefined ? undefined : createClient({ url: config.redisUrl });
  redis?.on('error', (error: Error) => console.error(`express peer: redis: ${error.message}`));
  await redis?.connect();
  const server = http.createServer(
    createExpressApp(
      redis === undefined ? undefined : new RedisStore({ client: redis, prefix: 'bench-express-session:' }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await redis?.close();
    },
  };
});
