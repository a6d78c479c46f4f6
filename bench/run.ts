/**
 * `npm run bench`: serves the docs' Basic Usage script with this runtime and with express 5 +
 * express-session (sessions in memory, then both on one Redis: connect-redis for express), loads
 * each with autocannon over loopback keep-alive connections, and prints requests per second, p99
 * latency and the ratio to express-session.
 *
 * Process model: each server under test runs in its own child process (server-process.ts), one
 * target at a time, and autocannon runs here, in this process's main thread, which does nothing
 * else while it measures. So the load generator never starves the server's event loop (as it
 * would in one process), and the two servers never compete with each other. The load generator
 * still competes with the server for the machine's cores, as any loopback benchmark does.
 *
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32), BENCH_WORKERS
 * (cores), BENCH_ISOLATION (script), BENCH_NEW_SESSIONS (1); see settings.ts. REDIS_URL: the Redis of
 * the Redis rows (default: a throwaway redis-server on a free loopback port).
 * More rows: add a `RowProducer` to `producers` below.
 */
import { availableParallelism } from 'node:os';
import { formatTable } from './report.js';
import type { Row, RowProducer } from './row.js';
import { readSettings } from './settings.js';
import { memoryRows } from './targets/memory.js';
import { redisRows } from './targets/redis.js';

const producers: RowProducer[] = [memoryRows, redisRows];

const settings = readSettings();
const rows: Row[] = [];
for (const produce of producers) rows.push(...(await produce(settings)));

console.log(
  `\nBasic Usage over HTTP keep-alive, ${settings.connections} connections, ${settings.seconds} s per row ` +
    `(${settings.warmupSeconds} s warm-up); runtime: ${settings.workers} workers, isolation ${settings.isolation}${settings.sessionLock ? ', session lock on' : ''}; ` +
    `${availableParallelism()} cores, Node ${process.version}\n`,
);
console.log(formatTable(rows));
if (rows.some((row) => row.failures > 0)) {
  console.error('\nSome rows had failures (errors, timeouts, non-2xx or wrong bodies): their numbers are not valid.');
  process.exitCode = 1;
}
