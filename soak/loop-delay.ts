/**
 * How late the event loop of this process runs: a 1 ms timer notes how late each of its turns
 * comes (the delay) and how much of that lateness this process spent on a CPU (the busy delay:
 * work of its own, not time the machine gave to other processes), beside Node's delay histogram
 * for the 99th percentile. The soak's and the stall measurement's servers report it.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelayReading {
  /** Largest delay, ms. */
  maxMs: number;
  /** Largest part of one delay spent on a CPU by this process, ms. */
  busyMs: number;
  /** 99th percentile delay, ms. */
  p99Ms: number;
}

export class LoopDelay {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  #maxMs = 0;
  #busyMs = 0;
  #lastTick = performance.now();
  #lastCpu = cpuMs();
  #skip = false;

  /** Starts measuring; the timer does not keep the process alive. */
  constructor() {
    this.#histogram.enable();
    setInterval(() => this.#tick(), 1).unref();
  }

  /** The readings since the last reset. */
  read(): LoopDelayReading {
    return { maxMs: this.#maxMs, busyMs: this.#busyMs, p99Ms: this.#histogram.percentile(99) / 1e6 };
  }

  /** Starts a new measurement. */
  reset(): void {
    this.#histogram.reset();
    this.#maxMs = 0;
    this.#busyMs = 0;
  }

  /** Leaves the current turn out (the measurement's own work, such as a forced garbage collection). */
  skipTurn(): void {
    this.#skip = true;
  }

  #tick(): void {
    const now = performance.now();
    const cpu = cpuMs();
    const late = now - this.#lastTick - 1;
    if (!this.#skip) {
      this.#maxMs = Math.max(this.#maxMs, late);
      this.#busyMs = Math.max(this.#busyMs, Math.min(late, cpu - this.#lastCpu));
    }
    this.#skip = false;
    this.#lastTick = now;
    this.#lastCpu = cpu;
  }
}

/** CPU time of this process so far (all its threads: the main thread, and V8's and libuv's helpers), ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
