/**
 * A target is a server under test; measuring it gives one row per scenario. Scenarios:
 * - returning: one session, its cookie sent on every request (a returning browser);
 * - new: no cookie, so every request creates a session (first visits; skipped with BENCH_NEW_SESSIONS=0).
 */
import { basicUsageBody, basicUsagePath } from '../basic-usage.js';
import { runLoad } from '../load.js';
import type { Row } from '../row.js';
import type { ServerProcess } from '../server-process.js';
import { obtainSessionCookie } from '../session-probe.js';
import type { BenchSettings } from '../settings.js';

/** A server to measure. */
export interface Target {
  /** Its name in the table. */
  name: string;
  /** Where its sessions live, e.g. "memory" or "Redis": rows are grouped by store and scenario. */
  store: string;
  /** True for the peer the other rows of its group are compared with. */
  baseline: boolean;
  /** Starts the server in its own process (see server-process.ts). */
  start(settings: BenchSettings): Promise<ServerProcess>;
}

type Scenario = 'returning session' | 'new session per request';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Starts the target, loads it under each scenario, stops it. */
export async function measureTarget(target: Target, settings: BenchSettings): Promise<Row[]> {
  const server = await target.start(settings);
  try {
    const url = server.url + basicUsagePath;
    const cookie = await obtainSessionCookie(url, basicUsageBody);
    const scenarios: Array<[Scenario, Record<string, string>]> = [['returning session', { cookie }]];
    if (settings.newSessions) scenarios.push(['new session per request', {}]);
    const rows: Row[] = [];
    for (const [scenario, headers] of scenarios) {
      log(
        `${target.name} (${target.store}), ${scenario}: ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured`,
      );
      const result = await runLoad({ url, headers, expectBody: basicUsageBody, ...settings });
      rows.push({ group: `${target.store}, ${scenario}`, target: target.name, baseline: target.baseline, ...result });
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
