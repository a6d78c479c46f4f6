/**
 * Prints rows as a plain-text table or as JSON: requests per second, p99 latency, the ratio of
 * each row to the baseline row of its group (e.g. dirigible-session / express-session) and to the
 * no-sandbox limit of its scenario, the CPU one request cost each of the target's processes, and
 * what it cost Redis.
 */
import type { Row } from './row.js';

/** `rps / baseline rps` of the row's group, or undefined when the group has no baseline. */
export function ratioToBaseline(row: Row, rows: readonly Row[]): number | undefined {
  const baseline = rows.find((candidate) => candidate.group === row.group && candidate.baseline);
  if (baseline === undefined || baseline.requestsPerSecond === 0) return undefined;
  return row.requestsPerSecond / baseline.requestsPerSecond;
}

/** `rps / limit rps` of the row's scenario (the limit keeps its sessions in memory), or undefined. */
export function ratioToLimit(row: Row, rows: readonly Row[]): number | undefined {
  const limit = rows.find((candidate) => candidate.scenario === row.scenario && candidate.limit);
  if (limit === undefined || limit.requestsPerSecond === 0) return undefined;
  return row.requestsPerSecond / limit.requestsPerSecond;
}

/** One row as the JSON form prints it. */
export interface JsonRow {
  scenario: string;
  target: string;
  reqPerSec: number;
  p99Ms: number;
  /** To the group's baseline (express-session), or null. */
  ratio: number | null;
  /** To the no-sandbox limit of the scenario, or null. */
  ratioToLimit: number | null;
  /** Every process of the target added up, µs. */
  cpuMicrosPerRequest: number;
  cpuMainMicrosPerRequest: number;
  /** null for targets without sandbox workers. */
  cpuWorkersMicrosPerRequest: number | null;
  /** null for targets not on Redis. */
  redisMicrosPerRequest: number | null;
  redisCommandsPerRequest: number | null;
  failures: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The rows in the JSON form (`--json`, `BENCH_JSON=1`). */
export function jsonRows(rows: readonly Row[]): JsonRow[] {
  return rows.map((row) => {
    const ratio = ratioToBaseline(row, rows);
    const limit = ratioToLimit(row, rows);
    return {
      scenario: row.group,
      target: row.target,
      reqPerSec: Math.round(row.requestsPerSecond),
      p99Ms: row.latencyP99,
      ratio: ratio === undefined ? null : round(ratio, 3),
      ratioToLimit: limit === undefined ? null : round(limit, 3),
      cpuMicrosPerRequest: round(row.cpu.total, 1),
      cpuMainMicrosPerRequest: round(row.cpu.main, 1),
      cpuWorkersMicrosPerRequest: row.cpu.workers === undefined ? null : round(row.cpu.workers, 1),
      redisMicrosPerRequest: row.redis === undefined ? null : round(row.redis.micros, 1),
      redisCommandsPerRequest: row.redis === undefined ? null : round(row.redis.commands, 2),
      failures: row.failures,
    };
  });
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const micros = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(0));
const times = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)}x`);

/** The table as text, one line per row under a header, groups in the order they first appear. */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    'scenario',
    'target',
    'req/s',
    'p99 ms',
    'ratio',
    'of limit',
    'CPU µs/req: main',
    'workers',
    'total',
    'Redis CPU µs/req',
    'Redis cmd/req',
    'failures',
  ];
  const groups = [...new Set(rows.map((row) => row.group))];
  const ordered = groups.flatMap((group) => rows.filter((row) => row.group === group));
  const lines = ordered.map((row) => [
    row.group,
    row.target + (row.baseline ? ' (baseline)' : ''),
    integer.format(row.requestsPerSecond),
    row.latencyP99.toFixed(1),
    times(ratioToBaseline(row, rows)),
    times(ratioToLimit(row, rows)),
    micros(row.cpu.main),
    micros(row.cpu.workers),
    micros(row.cpu.total),
    micros(row.redis?.micros),
    row.redis === undefined ? '-' : row.redis.commands.toFixed(2),
    String(row.failures),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join('\n');
}
