/**
 * The worker pool: supervised child processes that run scripts (one run at a time each). Requests
 * queue until a worker is free, so a stuck script holds only its own worker. A worker that dies or
 * hangs is killed and replaced (see `RestartPolicy` for backoff and crash loops); only the run it
 * had in progress fails. Sessions live in the main process or the store, so a crash loses none.
 *
 * Which worker takes a run (pipelining behind fast runs, packing behind quick ones) is decided in
 * `worker-choice.ts`. Runs queued in a worker that stops never started; they go back to the
 * pool's queue.
 */
import { NoWorkerError, OverloadedError, ScriptDeadlineError, ScriptTimeoutError } from '../../common/errors.js';
import { FairQueue } from './fair-queue.js';
import type { ResultMessage, RunMessage, WorkerSettings } from '../../common/protocol.js';
import { RestartPolicy } from './restart-policy.js';
import { chooseWorker, RunHistory } from './worker-choice.js';
import type { HostCallHandler } from './host-calls.js';
import { type Job, WorkerProcess } from './worker-process.js';

/**
 * Runs one worker may hold by default. Deep enough that, under load, a worker always has its next
 * run at hand and neither process sleeps between runs: on the Basic Usage benchmark 16 costs about
 * a quarter less CPU per request than 4.
 */
export const DEFAULT_PIPELINE_DEPTH = 16;
/** Extra time a worker gets past the run deadline before it is killed as hung. */
const HANG_GRACE_MS = 2000;
/** Extra time a run's synchronous part gets past `timeout` before its worker is killed (work the isolate cannot interrupt). */
const SYNC_GRACE_MS = 2000;

export interface PoolOptions extends WorkerSettings {
  /** Number of worker processes. */
  workers: number;
  /** Most runs one worker may hold (1 turns pipelining off). Default 16. */
  pipelineDepth?: number;
  /** Most runs waiting for a worker; beyond it `run` rejects with `ERR_OVERLOADED`. Default: no bound. */
  maxQueue?: number;
  /** Called with one line when a worker starts or dies or the pool changes state (default: `console.error`). */
  log?: (line: string, level?: 'info' | 'warn' | 'error') => void;
  /** Carries out the workers' synchronous host calls (the HTTP client); default: refuse them. */
  hostCalls?: HostCallHandler;
}

/** A snapshot of the pool, for monitoring and tests. */
export interface PoolStats {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  /** Workers started to replace one that stopped. */
  restarts: number;
  crashLooping: boolean;
  pids: number[];
  /** Runs each worker holds (running plus pipelined), in the order of `pids`. */
  held: number[];
  /** CPU time (µs) each worker had used, as of a result at most 50 ms before its latest, in the order of `pids`. */
  cpuMicros: number[];
}

export class WorkerPool {
  readonly #options: PoolOptions;
  readonly #workers = new Set<WorkerProcess>();
  /** Runs waiting for a worker, round-robin between scripts. */
  readonly #queue = new FairQueue<Job>();
  readonly #restarts = new RestartPolicy();
  readonly #log: (line: string, level?: 'info' | 'warn' | 'error') => void;
  /** How each script's latest runs went, for the choice of worker. */
  readonly #history = new RunHistory();
  readonly #pipelineDepth: number;
  #restarted = 0;
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#pipelineDepth = options.pipelineDepth ?? DEFAULT_PIPELINE_DEPTH;
    for (let i = 0; i < options.workers; i++) this.#spawn();
  }

  /** Runs a script; resolves with the worker's result or rejects with a coded error. */
  run(message: Omit<RunMessage, 'type' | 'id'>): Promise<ResultMessage> {
    if (this.#closed) return Promise.reject(new NoWorkerError('the server is shutting down'));
    if (this.#refusing()) return Promise.reject(this.#crashLoopError());
    if (this.#queue.length >= (this.#options.maxQueue ?? Infinity) && this.#pickWorker() === undefined)
      return Promise.reject(new OverloadedError(`${this.#queue.length} runs are waiting for a worker (maxQueue)`));
    return new Promise((resolve, reject) => {
      // New fields before the spread: V8 adds properties after a spread on a slow path (about 2 µs).
      this.#queue.push({ message: { type: 'run', id: this.#nextId++, ...message }, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Resolves once every worker is ready; rejects with `ERR_NO_WORKER` in a crash loop, and once the
   * pool is closing or closed (also when that happens while it waits: no worker starts any more).
   */
  async ready(): Promise<void> {
    for (;;) {
      if (this.#closed) throw new NoWorkerError('the server is shutting down');
      if (this.#workers.size >= this.#options.workers && [...this.#workers].every((worker) => worker.ready)) return;
      if (this.#refusing()) throw this.#crashLoopError();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  stats(): PoolStats {
    const workers = [...this.#workers];
    return {
      workers: workers.length,
      ready: workers.filter((worker) => worker.ready).length,
      busy: workers.filter((worker) => worker.jobs.length > 0).length,
      queued: this.#queue.length,
      restarts: this.#restarted,
      crashLooping: this.#restarts.crashLooping,
      pids: workers.flatMap((worker) => (worker.process.pid === undefined ? [] : [worker.process.pid])),
      held: workers.flatMap((worker) => (worker.process.pid === undefined ? [] : [worker.jobs.length])),
      cpuMicros: workers.flatMap((worker) => (worker.process.pid === undefined ? [] : [worker.cpuMicros])),
    };
  }

  /** Stops the workers once queued and in-flight runs have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#queue.length > 0 || [...this.#workers].some((worker) => worker.jobs.length > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
  }

  /** Shutdown past its timeout: kills every worker now; their runs and the queued ones fail. */
  terminate(): void {
    this.#closed = true;
    for (const queued of this.#queue.drain()) queued.reject(new NoWorkerError('the server is shutting down'));
    for (const worker of this.#workers) worker.kill(new NoWorkerError('the server is shutting down'));
  }

  #spawn(): void {
    const { root, timeout, deadline, memoryLimit, isolation, contextsPerIsolate, limits } = this.#options;
    const settings: WorkerSettings = { root, timeout, deadline, memoryLimit, isolation, contextsPerIsolate, limits };
    const limitMs = this.#options.deadline + HANG_GRACE_MS;
    this.#workers.add(
      new WorkerProcess(
        settings,
        limitMs,
        () => new ScriptDeadlineError(this.#options.deadline),
        {
          ready: (worker) => {
            this.#log(`sandbox worker ${worker.label} started`, 'info');
            if (this.#restarts.ready()) this.#log('sandbox workers start again; the crash loop is over');
            this.#dispatch();
          },
          result: (_worker, job, result, runMs) => {
            this.#history.record(job.message.script, runMs, result.runMicros, result.stopped === true);
            job.resolve(result);
            this.#dispatch();
          },
          exit: (worker, code, signal, running, unstarted) => this.#onExit(worker, code, signal, running, unstarted),
          hostCall: this.#options.hostCalls,
        },
        {
          limitMs: timeout + SYNC_GRACE_MS,
          onHang: () => new ScriptTimeoutError(timeout),
        },
      ),
    );
  }

  #onExit(
    worker: WorkerProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
    job: Job | undefined,
    unstarted: Job[],
  ): void {
    this.#workers.delete(worker);
    this.#queue.unshift(...unstarted);
    const detail = worker.describeExit(code, signal);
    if (job !== undefined) {
      const error = worker.failure(code, signal);
      this.#history.forget(job.message.script);
      this.#log(`sandbox worker ${worker.label} stopped while running ${job.message.script}: ${error.message}`);
      job.reject(error);
    }
    if (this.#closed) {
      if (job === undefined) this.#log(`sandbox worker ${worker.label} stopped (${detail})`, 'info');
      return;
    }
    const wasLooping = this.#restarts.crashLooping;
    // A worker killed for its memory died of a script, whether or not one was running.
    const delay = this.#restarts.ended({ wasReady: worker.ready, hadJob: job !== undefined || worker.overMemory });
    if (job === undefined)
      this.#log(`sandbox worker ${worker.label} stopped (${detail}); a new one starts in ${delay} ms`);
    if (this.#restarts.crashLooping && !wasLooping) {
      this.#log(
        `sandbox workers keep failing (${this.#restarts.faults} in a row, last: ${detail}); requests get 503 ERR_NO_WORKER until one starts`,
      );
    }
    if (this.#refusing()) for (const queued of this.#queue.drain()) queued.reject(this.#crashLoopError());
    const restart = () => {
      if (this.#closed) return;
      this.#restarted++;
      this.#spawn();
      this.#dispatch();
    };
    if (delay === 0) restart();
    else setTimeout(restart, delay).unref();
    this.#dispatch();
  }

  /** In a crash loop with no worker ready, requests are refused rather than queued. */
  #refusing(): boolean {
    return this.#restarts.crashLooping && ![...this.#workers].some((worker) => worker.ready);
  }

  #crashLoopError(): NoWorkerError {
    return new NoWorkerError('sandbox workers keep crashing; see the server log');
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#pickWorker();
      if (worker === undefined) return;
      worker.start(this.#queue.shift() as Job);
    }
  }

  #pickWorker(): WorkerProcess | undefined {
    return chooseWorker(this.#workers, this.#history, this.#pipelineDepth, Date.now());
  }
}
