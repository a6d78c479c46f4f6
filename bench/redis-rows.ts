/**
 * Redis rows of the benchmark: this runtime on Redis next to express 5 + express-session +
 * connect-redis on the same Redis, in the same run, and their ratio. Each server runs in its own
 * process; autocannon drives the Basic Usage request of one returning visitor (its session cookie
 * sent with every request) over keep-alive connections, so every request reads and writes the
 * session in Redis.
 *
 * Entry point for the bench runner: `redisRows({ redisUrl })`; `formatRedisRows(rows)` prints them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface RedisRowsOptions {
  /** The Redis both setups use. */
  redisUrl: string;
  /** Seconds of load per setup. Default 10. */
  duration?: number;
  /** Concurrent keep-alive connections. Default 32. */
  connections?: number;
}

export interface BenchRow {
  name: string;
  requestsPerSecond: number;
  /** Responses that were not 2xx, plus connection errors: must be 0 for the row to count. */
  failures: number;
}

interface AutocannonResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const serverEntry = fileURLToPath(new URL('./redis-servers.js', import.meta.url));

/** Measures both setups one after the other on the same Redis. */
export async function redisRows(options: RedisRowsOptions): Promise<BenchRow[]> {
  const { redisUrl, duration = 10, connections = 32 } = options;
  const rows: BenchRow[] = [];
  for (const [kind, name] of [['runtime', 'dirigible-session on Redis (Basic Usage, returning visitor)'], ['express', 'express 5 + express-session + connect-redis']] as const) {
    rows.push({ name, ...(await measure(kind, redisUrl, duration, connections)) });
  }
  return rows;
}

/** The rows as table lines, then the ratio of this runtime to express-session. */
export function formatRedisRows(rows: BenchRow[]): string {
  const lines = rows.map((row) => `| ${row.name} | ${Math.round(row.requestsPerSecond).toLocaleString('en-US')} req/s |${row.failures > 0 ? ` ${row.failures} failures` : ''}`);
  const [runtime, express] = rows;
  if (runtime !== undefined && express !== undefined && express.requestsPerSecond > 0) {
    lines.push(`| ratio on Redis (dirigible-session / express-session) | ${(runtime.requestsPerSecond / express.requestsPerSecond).toFixed(2)} |`);
  }
  return lines.join('\n');
}

async function measure(kind: 'runtime' | 'express', redisUrl: string, duration: number, connections: number): Promise<Omit<BenchRow, 'name'>> {
  const server = spawn(process.execPath, ['--no-node-snapshot', serverEntry, kind, redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await firstLine(server.stdout);
    const cookie = await sessionCookie(url);
    const result = await autocannon({ url, connections, duration, headers: { cookie } });
    return { requestsPerSecond: result.requests.average, failures: result.non2xx + result.errors };
  } finally {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
  }
}

/** The session cookie a first visit gets (`name=value`). */
async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(url);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (response.status !== 200 || cookie === undefined) throw new Error(`benchmark: ${url} answered ${response.status} without a session cookie`);
  const again = await fetch(url, { headers: { cookie } });
  if (again.status !== 200 || again.headers.getSetCookie().length > 0) throw new Error(`benchmark: ${url} did not keep the session of ${cookie}`);
  return cookie;
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end).trim());
    });
    stream.once('end', () => reject(new Error(`benchmark server ended before printing its URL: ${text}`)));
  });
}
