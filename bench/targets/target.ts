/**
 * A target is a server under test; measuring it gives one row per scenario. Scenarios:
 * - returning: one session, its cookie sent on every request (a returning browser);
 * - new: no cookie, so every request creates a session (first visits; skipped with BENCH_NEW_SESSIONS=0).
 * Around each measured window the target's processes report their CPU time, and for a target on
 * Redis, the Redis server its command statistics.
 */
import { basicUsageBody, basicUsagePath } from '../basic-usage.js';
import { runLoad } from '../load.js';
import { type CpuReading, cpuPerRequest } from '../meters/cpu.js';
import { type CommandTotals, readCommandTotals, redisPerRequest } from '../meters/redis-commandstats.js';
import type { Row } from '../row.js';
import type { ServerProcess } from '../server-process.js';
import { obtainSessionCookie } from '../session-probe.js';
import type { BenchSettings } from '../settings.js';

export type Scenario = 'returning session' | 'new session per request';

/** A server to measure. */
export interface Target {
  /** Its name in the table. */
  name: string;
  /** Where its sessions live, e.g. "memory" or "Redis": rows are grouped by store and scenario. */
  store: string;
  /** True for the peer the other rows of its group are compared with. */
  baseline: boolean;
  /** True for the no-sandbox limit. */
  limit?: boolean;
  /** The Redis its sessions live in, whose command statistics are read around each window. */
  redisUrl?: string;
  /** Only these scenarios (default: every scenario the settings ask for). */
  scenarios?: readonly Scenario[];
  /** Starts the server in its own process (see server-process.ts). */
  start(settings: BenchSettings): Promise<ServerProcess>;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Loads one scenario and turns what the load and the meters saw into a row. */
async function measureScenario(
  target: Target,
  server: ServerProcess,
  scenario: Scenario,
  headers: Record<string, string>,
  settings: BenchSettings,
): Promise<Row> {
  log(
    `${target.name} (${target.store}), ${scenario}: ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured`,
  );
  const readings: { cpu: CpuReading[]; redis: CommandTotals[] } = { cpu: [], redis: [] };
  const read = async () => {
    readings.cpu.push(await server.cpuUsage());
    if (target.redisUrl !== undefined) readings.redis.push(await readCommandTotals(target.redisUrl));
  };
  const url = server.url + basicUsagePath;
  const result = await runLoad({ url, headers, expectBody: basicUsageBody, ...settings }, { start: read, end: read });
  const [cpuBefore, cpuAfter] = readings.cpu as [CpuReading, CpuReading];
  const [redisBefore, redisAfter] = readings.redis;
  return {
    group: `${target.store}, ${scenario}`,
    scenario,
    target: target.name,
    baseline: target.baseline,
    limit: target.limit === true,
    requestsPerSecond: result.requestsPerSecond,
    latencyP99: result.latencyP99,
    requests: result.requests,
    failures: result.failures,
    cpu: cpuPerRequest(cpuBefore, cpuAfter, result.completed),
    redis:
      redisBefore === undefined || redisAfter === undefined
        ? undefined
        : redisPerRequest(redisBefore, redisAfter, result.completed),
  };
}

/** Starts the target, loads it under each scenario, stops it. */
export async function measureTarget(target: Target, settings: BenchSettings): Promise<Row[]> {
  const server = await target.start(settings);
  try {
    const cookie = await obtainSessionCookie(server.url + basicUsagePath, basicUsageBody);
    const scenarios: Array<[Scenario, Record<string, string>]> = [['returning session', { cookie }]];
    if (settings.newSessions) scenarios.push(['new session per request', {}]);
    const rows: Row[] = [];
    for (const [scenario, headers] of scenarios) {
      if (target.scenarios !== undefined && !target.scenarios.includes(scenario)) continue;
      rows.push(await measureScenario(target, server, scenario, headers, settings));
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** Measures the targets one after another (never two at once: they would share the cores). */
export async function measureTargets(targets: readonly Target[], settings: BenchSettings): Promise<Row[]> {
  const rows: Row[] = [];
  for (const target of targets) rows.push(...(await measureTarget(target, settings)));
  return rows;
}
