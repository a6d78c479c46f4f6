/**
 * Standalone runner of the Redis rows: `npm run bench:redis` (or, in the full benchmark, the bench
 * runner calls `redisRows` itself). Uses `REDIS_URL` when set, otherwise starts a throwaway
 * redis-server on a free loopback port. `BENCH_DURATION` sets the seconds per setup (default 10).
 */
import { RedisServer } from '../test/support/redis-server.js';
import { formatRedisRows, redisRows } from './redis-rows.js';

const duration = Number(process.env['BENCH_DURATION'] ?? 10);
const own = process.env['REDIS_URL'] === undefined ? await RedisServer.start() : undefined;
try {
  const redisUrl = process.env['REDIS_URL'] ?? (own as RedisServer).url;
  console.log(`Redis rows: ${duration} s per setup, 32 connections, Redis at ${redisUrl}`);
  console.log(formatRedisRows(await redisRows({ redisUrl, duration })));
} finally {
  await own?.dispose();
}
