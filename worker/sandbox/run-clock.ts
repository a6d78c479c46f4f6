/**
 * The time limit of a run's synchronous part, held where isolated-vm's own timeout does not reach:
 * some work never lets it fire (a loop of API calls, for one). Every call a script makes into the
 * host checks the clock; once the run is past `timeout`, the call disposes the script's isolate,
 * which ends the run at once (no `catch` in the script can stop that), and the run fails as
 * `ERR_SCRIPT_TIMEOUT`. Work that never calls the host (allocation, ICU) is bounded by the
 * supervisor instead: it kills a worker whose run is past `timeout` plus a grace.
 */
import type { SandboxIsolate } from './sandbox-isolate.js';

export class RunClock {
  readonly #timeout: number;
  #started = 0;
  #cpuAtStart: NodeJS.CpuUsage | undefined;
  #isolate: SandboxIsolate | undefined;
  #expired = false;

  /** @param timeout limit of a run's synchronous part, ms */
  constructor(timeout: number) {
    this.#timeout = timeout;
  }

  /** Starts timing the synchronous part of a run in `isolate`. */
  start(isolate: SandboxIsolate): void {
    this.#started = Date.now();
    this.#cpuAtStart = process.cpuUsage();
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
    const cpu = process.cpuUsage(this.#cpuAtStart);
    if ((cpu.user + cpu.system) / 1000 <= this.#timeout) return;
    this.#expired = true;
    this.#isolate = undefined;
    isolate.dispose();
  }
}
