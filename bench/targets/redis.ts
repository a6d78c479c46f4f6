/**
 * The Redis rows: this runtime with its sessions in Redis (`redisUrl`) against express 5 +
 * express-session + connect-redis, both on the same Redis, in the same run. The Redis is
 * `REDIS_URL` when set, otherwise a throwaway redis-server on a free loopback port.
 */
import { RedisServer } from '../../test/support/redis-server.js';
import type { RowProducer } from '../row.js';
import { startServerProcess } from '../server-process.js';
import type { ExpressServerConfig } from '../servers/express-server.js';
import type { RuntimeServerConfig } from '../servers/runtime-server.js';
import type { BenchSettings } from '../settings.js';
import { type Target, measureTargets } from './target.js';

/** This project's runtime on Redis, sandbox workers per BENCH_WORKERS. */
export function runtimeOnRedis(redisUrl: string): Target {
  return {
    name: 'dirigible-session',
    store: 'Redis',
    baseline: false,
    redisUrl,
    start: (settings: BenchSettings) => {
      const config: RuntimeServerConfig = {
        workers: settings.workers,
        isolation: settings.isolation,
        redisUrl,
        sessionLock: settings.sessionLock,
      };
      return startServerProcess(new URL('../servers/runtime-server.js', import.meta.url), config);
    },
  };
}

/** The peer: express 5 + express-session + connect-redis, one process. */
export function expressSessionOnRedis(redisUrl: string): Target {
  const config: ExpressServerConfig = { redisUrl };
  return {
    name: 'express-session + connect-redis',
    store: 'Redis',
    baseline: true,
    redisUrl,
    start: () => startServerProcess(new URL('../servers/express-server.js', import.meta.url), config),
  };
}

/** Rows of both Redis targets; none, with a message saying why, when no Redis can be had. */
export const redisRows: RowProducer = async (settings) => {
  let own: RedisServer | undefined;
  const given = process.env['REDIS_URL'];
  if (given === undefined) {
    try {
      own = await RedisServer.start();
    } catch (error) {
      process.stderr.write(`Redis rows skipped: ${error instanceof Error ? error.message : String(error)}\n`);
      return [];
    }
  }
  const redisUrl = given ?? (own as RedisServer).url;
  try {
    return await measureTargets([runtimeOnRedis(redisUrl), expressSessionOnRedis(redisUrl)], settings);
  } finally {
    await own?.dispose();
  }
};
