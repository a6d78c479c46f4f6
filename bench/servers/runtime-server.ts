/**
 * Child process entry: this project's runtime (`createRuntime`) serving examples/ on a free
 * loopback port, with its own sandbox worker processes.
 */
import { createRuntime } from '../../main/server/runtime.js';
import { examplesDir } from '../basic-usage.js';
import { serveInChild } from './serve-in-child.js';

/** What the parent chooses for the runtime. */
export interface RuntimeServerConfig {
  workers: number;
  isolation: 'script' | 'request';
  /** Sessions in Redis at this URL (the Redis rows); default in memory. */
  redisUrl?: string;
  /** Run with the session lock on. */
  sessionLock?: boolean;
}

await serveInChild(async (config: RuntimeServerConfig) => {
  const runtime = createRuntime({
    root: examplesDir,
    workers: config.workers,
    isolation: config.isolation,
    sessionLock: config.sessionLock === true,
    // No access line per request: the peers log nothing, and the lines would flood the bench's terminal.
    logLevel: 'warn',
    ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl }),
  });
  const { url } = await runtime.listen(0, '127.0.0.1');
  await runtime.ready();
  return {
    url,
    close: () => runtime.close(),
    workerCpuMicros: () => runtime.stats().cpuMicros.reduce((sum, micros) => sum + micros, 0),
  };
});
