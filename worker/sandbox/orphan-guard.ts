/**
 * Ends a sandbox worker whose main process is gone. A worker notices its input ending only
 * between runs: while a run holds its thread (a loop, up to `timeout`; a V8 hung after a fatal heap
 * error, for ever) it would live on, reparented and ignoring SIGTERM, after the main process was
 * killed by SIGKILL or the OOM killer, and a service manager expects no process left behind. A
 * small thread of its own, which no run blocks, checks the parent every `ORPHAN_CHECK_MS` and
 * kills the process once the parent has changed.
 */
import { Worker } from 'node:worker_threads';

/** How often (ms) the guard checks that the process that started this one is still its parent. */
export const ORPHAN_CHECK_MS = 500;

/** The guard thread: CommonJS, evaluated; `workerData` is `{ parent, everyMs }`. */
const GUARD_SOURCE = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL');
}, workerData.everyMs);
`;

/**
 * Starts the guard: from now on this process ends (SIGKILL) within `ORPHAN_CHECK_MS` of `parent`
 * ceasing to be its parent. The thread keeps nothing alive; when it cannot start (no memory or
 * threads left) the worker runs without it, as it did before.
 * @param parent the process id of the main process, read at start
 * @example guardAgainstOrphaning(process.ppid)
 */
export function guardAgainstOrphaning(parent: number): void {
  try {
    const guard = new Worker(GUARD_SOURCE, { eval: true, workerData: { parent, everyMs: ORPHAN_CHECK_MS } });
    guard.on('error', () => undefined);
    guard.unref();
  } catch {
    // Without the guard the worker still exits once its input ends, between runs.
  }
}
