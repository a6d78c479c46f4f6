/**
 * Ending the process as a signal's default action would, for the CLI's "asked twice" stop and for
 * the bin shim that re-runs the command and must end as the server did.
 */
import { constants } from 'node:os';

/**
 * Ends this process by `signal`, as its default action does: its listeners go, and the process
 * sends it to itself, so a parent sees the signal (a shell shows 128 + its number). As PID 1 (a
 * container's first process, without an init such as `docker run --init`) the kernel drops a signal
 * whose action is the default, so there, as for a signal a process cannot send itself, it exits with
 * 128 + the signal's number, the status a shell gives a process ended by it (143 for SIGTERM).
 */
export function endBySignal(signal: NodeJS.Signals): never {
  process.removeAllListeners(signal);
  if (process.pid !== 1) process.kill(process.pid, signal);
  process.exit(128 + (constants.signals[signal] ?? 0));
}
