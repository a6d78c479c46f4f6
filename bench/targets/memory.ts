/**
 * The memory-store rows: this runtime against express 5 + express-session (MemoryStore).
 */
import type { RowProducer } from '../row.js';
import { startServerProcess } from '../server-process.js';
import type { RuntimeServerConfig } from '../servers/runtime-server.js';
import { type Target, measureTargets } from './target.js';

/** This project's runtime, its in-memory session store, sandbox workers per BENCH_WORKERS. */
export const runtimeTarget: Target = {
  name: 'dirigible-session',
  store: 'memory',
  baseline: false,
  start: (settings) => {
    const config: RuntimeServerConfig = {
      workers: settings.workers,
      isolation: settings.isolation,
      sessionLock: settings.sessionLock,
    };
    return startServerProcess(new URL('../servers/runtime-server.js', import.meta.url), config);
  },
};

/** The peer: express 5 + express-session with its MemoryStore, one process. */
export const expressSessionTarget: Target = {
  name: 'express-session',
  store: 'memory',
  baseline: true,
  start: () => startServerProcess(new URL('../servers/express-server.js', import.meta.url), {}),
};

/** Rows of both memory targets. */
export const memoryRows: RowProducer = (settings) => measureTargets([runtimeTarget, expressSessionTarget], settings);
