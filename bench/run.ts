/**
 * `npm run bench`: serves the docs' Basic Usage script with this runtime, with express 5 +
 * express-session, and with the no-sandbox limit (bare `http` + a Map), sessions in memory, then
 * this runtime and express-session + connect-redis on one Redis. It loads each with autocannon over
 * loopback keep-alive connections and prints requests per second, p99 latency, the ratios to
 * express-session and to the limit, the CPU one request cost each target's processes (read inside
 * them, so it compares across runs on a busy machine) and, on Redis, what it cost the Redis server.
 * Under the table: the floor of the `--isolation request` row (context-floor.ts).
 *
 * Process model: each server under test runs in its own child process (server-process.ts), one
 * target at a time, and autocannon runs here, in this process's main thread, which does nothing
 * else while it measures. So the load generator never starves the server's event loop (as it
 * would in one process), and the two servers never compete with each other. The load generator
 * still competes with the server for the machine's cores, as any loopback benchmark does.
 *
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32), BENCH_WORKERS
 * (cores), BENCH_ISOLATION (script), BENCH_NEW_SESSIONS (1), BENCH_JSON (0) or `--json`; see
 * settings.ts. REDIS_URL: the Redis of the Redis rows (default: a throwaway redis-server on a free
 * loopback port). More rows: add a `RowProducer` to `producers` below.
 */
import { measureContextFloor } from './context-floor.js';
import { printRun } from './print.js';
import type { Row, RowProducer } from './row.js';
import { readSettings } from './settings.js';
import { memoryRows } from './targets/memory.js';
import { redisRows } from './targets/redis.js';

const producers: RowProducer[] = [memoryRows, redisRows];

const settings = readSettings();
// Before the loads, on a machine as quiet as it will be; the table's request-isolation row reads against it.
const contextFloor = settings.json ? undefined : await measureContextFloor();
const rows: Row[] = [];
for (const produce of producers) rows.push(...(await produce(settings)));
printRun(rows, settings, 'Basic Usage', contextFloor === undefined ? [] : [contextFloorNote(contextFloor)]);

/** The line that tells what the `--isolation request` row cannot go below. */
function contextFloorNote(micros: number): string {
  return (
    `Floor of --isolation request: V8 alone makes and drops a context in ${micros.toFixed(0)} µs of CPU on this ` +
    'machine (a bare context, nothing run in it); a worker in that isolation makes one for every request, so ' +
    "that row's workers column cannot go below it."
  );
}
