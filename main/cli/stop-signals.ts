/**
 * How `serve` answers SIGINT and SIGTERM: the first starts the graceful shutdown; one that comes
 * later ends the process at once, by that signal's default action (Ctrl-C twice), also as a
 * container's PID 1, where the kernel would drop it (see `endBySignal`). A repeat within
 * `REPEAT_MS` of the first is the same stop delivered twice and changes nothing: a terminal's
 * Ctrl-C reaches the whole process group, and a parent that forwards signals (`npm start`, npm's
 * and the package's own bin shim) sends it once more, within a millisecond.
 */
import { endBySignal } from './end-by-signal.js';

/** A signal this soon (ms) after the first is taken as the same one delivered twice. */
export const REPEAT_MS = 1000;

/**
 * Installs the handlers. `stop` runs once: on the first signal, or when `process` is told to stop
 * by other means (the returned function, e.g. when a parent's IPC channel closes).
 * @param repeatMs how soon after the first a signal counts as the same one (`REPEAT_MS`)
 */
export function handleStopSignals(stop: () => void, repeatMs = REPEAT_MS): () => void {
  let stoppedAt: number | undefined;
  let stopping = false;
  const stopOnce = (): void => {
    if (stopping) return;
    stopping = true;
    stop();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stopping) {
      stoppedAt = Date.now();
      stopOnce();
      return;
    }
    if (stoppedAt !== undefined && Date.now() - stoppedAt < repeatMs) return;
    // Asked again: end now, as the signal's default action would have.
    endBySignal(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return stopOnce;
}
