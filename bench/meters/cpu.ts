/**
 * CPU time of a server under test, read inside its processes with `process.cpuUsage` (the sandbox
 * workers report theirs to the runtime's main process with every result; see `stats().cpuMicros`).
 * Read before and after the measured window, the difference divided by the requests served is
 * the CPU one request cost, a figure that holds on a busy machine where req/s does not.
 */
import type { CpuPerRequest } from '../row.js';

/** Cumulative CPU time, µs, of a target's processes at one moment. */
export interface CpuReading {
  main: number;
  /** Sum over the sandbox workers; undefined for a target without workers. */
  workers: number | undefined;
}

/** The main process's own reading, user plus system time. */
export function ownCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** CPU per request between two readings; `requests` 0 gives zeros. */
export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): CpuPerRequest {
  const per = (micros: number) => (requests > 0 ? micros / requests : 0);
  const main = per(after.main - before.main);
  const workers =
    after.workers === undefined || before.workers === undefined ? undefined : per(after.workers - before.workers);
  return { main, workers, total: main + (workers ?? 0) };
}
