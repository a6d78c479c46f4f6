/**
 * Sandbox workers run at a lower CPU scheduling priority than the main process: `WORKER_NICENESS`
 * steps of `nice` below it. The main process is on the path of every request (HTTP, sessions,
 * handing runs to workers and their results to clients); when the CPUs are all busy it goes
 * first, so a script that computes hard slows other scripts rather than the server's front, its
 * probes and its timers. The supervisor's watchdog of a run's synchronous part counts the worker's
 * CPU time (worker-process.ts); a script's `timeout`, which isolated-vm measures on the wall clock,
 * buys a run less CPU on a machine whose CPUs are all busy, as it always did.
 *
 * On Basic Usage under full load (2 cores, main process, two workers and the load generator) this
 * served about 8% more requests a second in alternating runs: the main process, no longer waiting
 * behind a worker for a CPU, keeps both workers fed.
 */
import { getPriority, setPriority } from 'node:os';

/** How many `nice` steps below the main process the workers run. */
export const WORKER_NICENESS = 5;

/**
 * Lowers the priority of worker `pid` to `WORKER_NICENESS` below this process's (at most to 19,
 * the lowest). A system that refuses leaves the worker at this process's priority.
 */
export function lowerWorkerPriority(pid: number): void {
  try {
    setPriority(pid, Math.min(19, getPriority() + WORKER_NICENESS));
  } catch {
    // Not permitted here (a sandboxed or unusual system): the worker keeps the main process's priority.
  }
}
