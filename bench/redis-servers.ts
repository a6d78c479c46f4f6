/**
 * A benchmark server in its own process, so the load generator does not share its CPU:
 * `node --no-node-snapshot build/bench/redis-servers.js runtime|express REDIS_URL`.
 * Prints the URL of the Basic Usage endpoint once listening; SIGTERM stops it.
 *
 * - `runtime`: this package's runtime serving `examples/` with sessions in Redis (`redisUrl`).
 * - `express`: express 5 + express-session + connect-redis on the same Redis, doing what Basic
 *   Usage does (set `attr1`, read it back, print it).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { RedisStore as ConnectRedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import { createClient } from 'redis';
import { createRuntime } from '../server/runtime.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

async function startRuntime(redisUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const runtime = createRuntime({ root: examplesDir, redisUrl, log: () => undefined });
  const { url } = await runtime.listen(0, '127.0.0.1');
  await runtime.ready();
  return { url: `${url}/services/js/basic-usage.js`, stop: () => runtime.close() };
}

async function startExpress(redisUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  const app = express();
  app.use(session({ store: new ConnectRedisStore({ client, prefix: 'bench-express:' }), secret: 'benchmark', name: 'JSESSIONID', resave: false, saveUninitialized: false }));
  app.get('/basic-usage', (request, response) => {
    const data = request.session as unknown as Record<string, unknown>;
    data['attr1'] = 'value1';
    response.type('text/plain').send(`[Attribute]: ${String(data['attr1'])}\n`);
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/basic-usage`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    },
  };
}

const [kind, redisUrl] = process.argv.slice(2);
if ((kind !== 'runtime' && kind !== 'express') || redisUrl === undefined) {
  console.error('usage: redis-servers.js runtime|express REDIS_URL');
  process.exit(2);
}
const server = await (kind === 'runtime' ? startRuntime(redisUrl) : startExpress(redisUrl));
console.log(server.url);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
