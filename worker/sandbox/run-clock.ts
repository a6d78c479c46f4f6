/**
 * The time limit of a run's synchronous part, held where isolated-vm's own timeout does not reach:
 * some work never lets it fire (a loop of API calls, for one). Every call a script makes into the
 * host checks the clock; once the run is past `timeout`, the call disposes the script's isolate,
 * which ends the run at once (no `catch` in the script can stop that), and the run fails as
 * `ERR_SCRIPT_TIMEOUT`. Work that never calls the host (allocation, ICU) is bounded by the
 * supervisor instead: it kills a worker whose run is past `timeout` plus a grace.
 */
import type { SandboxIsolate } from './sandbox-isolate.js';

/**
 * The process's CPU time is read at most this often (ms of wall time) at the start of runs: a
 * reading costs a system call, and runs come thousands a second. A run's CPU time then counts up
 * to this much of the time before it started, so the clock may end a run that much early, never late.
 */
const CPU_READING_MAX_AGE_MS = 100;

export class RunClock {
  readonly #timeout: number;
  readonly #readingMaxAge: number;
  #started = 0;
  /** The latest reading of the process's CPU time, and when it was taken (wall ms). */
  #cpuReading: NodeJS.CpuUsage | undefined;
  #cpuReadAt = Number.NEGATIVE_INFINITY;
  #isolate: SandboxIsolate | undefined;
  #expired = false;

  /** @param timeout limit of a run's synchronous part, ms */
  constructor(timeout: number) {
    this.#timeout = timeout;
    this.#readingMaxAge = Math.min(CPU_READING_MAX_AGE_MS, timeout / 10);
  }

  /** Starts timing the synchronous part of a run in `isolate`. */
  start(isolate: SandboxIsolate): void {
    const now = Date.now();
    this.#started = now;
    if (now - this.#cpuReadAt > this.#readingMaxAge) {
      this.#cpuReading = process.cpuUsage();
      this.#cpuReadAt = now;
    }
    this.#isolate = isolate;
    this.#expired = false;
  }

  /** Stops timing (the run ended, or it now awaits a promise: the deadline bounds that). */
  stop(): void {
    this.#isolate = undefined;
  }

  /** True when this run was ended by the clock. */
  get expired(): boolean {
    return this.#expired;
  }

  /** Called at every host call: ends the run when it is past its time limit. */
  check(): void {
    const isolate = this.#isolate;
    if (isolate === undefined || Date.now() - this.#started <= this.#timeout) return;
    const cpu = process.cpuUsage(this.#cpuReading);
    if ((cpu.user + cpu.system) / 1000 <= this.#timeout) return;
    this.#expired = true;
    this.#isolate = undefined;
    isolate.dispose();
  }
}
