/**
 * Child process entry: the express + express-session peer with connect-redis, on the Redis the
 * parent names, on a free loopback port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { createExpressApp } from '../targets/express-app.js';
import { serveInChild } from './serve-in-child.js';

/** What the parent chooses. */
export interface ExpressRedisServerConfig {
  redisUrl: string;
}

await serveInChild(async (config: ExpressRedisServerConfig) => {
  const client = createClient({ url: config.redisUrl });
  client.on('error', (error: Error) => console.error(`express peer: redis: ${error.message}`));
  await client.connect();
  const server = http.createServer(createExpressApp(new RedisStore({ client, prefix: 'bench-express-session:' })));
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
      await client.close();
    },
  };
});
