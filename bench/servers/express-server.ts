/**
 * Child process entry: the express + express-session peer on a free loopback port, with
 * express-session's MemoryStore, or with connect-redis when the parent names a Redis.
 */
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { createExpressApp } from '../targets/express-app.js';
import { listenOnLoopback } from './loopback.js';
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
  const server = await listenOnLoopback(
    createExpressApp(
      redis === undefined ? undefined : new RedisStore({ client: redis, prefix: 'bench-express-session:' }),
    ),
  );
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await redis?.close();
    },
  };
});
