/**
 * The memory-store rows: this runtime (and, on the returning-session scenario, the same runtime
 * with a fresh context per request) against express 5 + express-session (MemoryStore) and the
 * no-sandbox limit.
 */
import type { RowProducer } from '../row.js';
import { startServerProcess } from '../server-process.js';
import type { RuntimeServerConfig } from '../servers/runtime-server.js';
import type { BenchSettings } from '../settings.js';
import { type Target, measureTargets } from './target.js';

/** This project's runtime, its in-memory session store, sandbox workers per BENCH_WORKERS. */
export function runtimeTarget(isolation: BenchSettings['isolation'], name = 'dirigible-session'): Target {
  return {
    name,
    store: 'memory',
    baseline: false,
    start: (settings) => {
      const config: RuntimeServerConfig = { workers: settings.workers, isolation, sessionLock: settings.sessionLock };
      return startServerProcess(new URL('../servers/runtime-server.js', import.meta.url), config);
    },
  };
}

/** The runtime in `request` isolation (a fresh context per request), returning sessions only. */
export const requestIsolationTarget: Target = {
  ...runtimeTarget('request', 'dirigible-session --isolation request'),
  scenarios: ['returning session'],
};

/** The peer: express 5 + express-session with its MemoryStore, one process. */
export const expressSessionTarget: Target = {
  name: 'express-session',
  store: 'memory',
  baseline: true,
  start: () => startServerProcess(new URL('../servers/express-server.js', import.meta.url), {}),
};

/** The limit: bare `http` with a Map of sessions, no sandbox, one process. */
export const limitTarget: Target = {
  name: 'limit: bare http + Map, no sandbox',
  store: 'memory',
  baseline: false,
  limit: true,
  start: () => startServerProcess(new URL('../servers/limit-server.js', import.meta.url), {}),
};

/** Rows of every memory target (the request-isolation row only when BENCH_ISOLATION is `script`). */
export const memoryRows: RowProducer = (settings) =>
  measureTargets(
    [
      runtimeTarget(settings.isolation),
      ...(settings.isolation === 'script' ? [requestIsolationTarget] : []),
      expressSessionTarget,
      limitTarget,
    ],
    settings,
  );
