/**
 * Benchmark settings, read once from environment variables; a bad value stops the run with a
 * message naming the variable.
 */
import { availableParallelism } from 'node:os';

/** What `npm run bench` measures and how hard. */
export interface BenchSettings {
  /** `BENCH_SECONDS`: measured seconds per row. Default 10. */
  seconds: number;
  /** `BENCH_WARMUP_SECONDS`: unmeasured load before each row. Default 2. */
  warmupSeconds: number;
  /** `BENCH_CONNECTIONS`: concurrent keep-alive connections. Default 32. */
  connections: number;
  /** `BENCH_WORKERS`: sandbox worker processes of the runtime. Default: one per core. */
  workers: number;
  /** `BENCH_ISOLATION`: the runtime's isolation mode, `script` (default) or `request`. */
  isolation: 'script' | 'request';
  /** `BENCH_NEW_SESSIONS`: `1` (default) adds the rows where every request creates a session; `0` skips them. */
  newSessions: boolean;
  /** `--json` or `BENCH_JSON=1`: print the rows as one JSON array instead of the table. */
  json: boolean;
  /** `BENCH_SESSION_LOCK`: `1` runs the runtime with `sessionLock: true` (its cost); `0` (default) without. */
  sessionLock: boolean;
}

type Env = Record<string, string | undefined>;

function wholeNumber(env: Env, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number >= ${min} (got "${text}")`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const found = allowed.find((value) => value === text);
  if (found === undefined) throw new Error(`${name} must be one of ${allowed.join(', ')} (got "${text}")`);
  return found;
}

/**
 * Reads the settings from `env` (default `process.env`) and `argv` (the `--json` flag); throws
 * naming a bad variable.
 */
export function readSettings(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): BenchSettings {
  return {
    seconds: wholeNumber(env, 'BENCH_SECONDS', 10, 1),
    warmupSeconds: wholeNumber(env, 'BENCH_WARMUP_SECONDS', 2, 0),
    connections: wholeNumber(env, 'BENCH_CONNECTIONS', 32, 1),
    workers: wholeNumber(env, 'BENCH_WORKERS', availableParallelism(), 1),
    isolation: oneOf(env, 'BENCH_ISOLATION', ['script', 'request'], 'script'),
    newSessions: oneOf(env, 'BENCH_NEW_SESSIONS', ['0', '1'], '1') === '1',
    json: argv.includes('--json') || oneOf(env, 'BENCH_JSON', ['0', '1'], '0') === '1',
    sessionLock: oneOf(env, 'BENCH_SESSION_LOCK', ['0', '1'], '0') === '1',
  };
}
