/**
 * The worker pool: supervised child processes that run scripts (one run at a time each). Requests
 * queue until a worker is free, so a stuck script holds only its own worker. A worker that dies or
 * hangs is killed and replaced (see `RestartPolicy` for backoff and crash loops); only the run it
 * had in flight fails. Sessions live in the main process or the store, so a crash loses none.
 */
import { NoWorkerError, ScriptDeadlineError } from './errors.js';
import type { ResultMessage, RunMessage, WorkerMessage, WorkerSettings } from './protocol.js';
import { RestartPolicy } from './restart-policy.js';
import { type Job, WorkerProcess } from './worker-process.js';

/** Extra time a worker gets past the run deadline before it is killed as hung. */
const HANG_GRACE_MS = 2000;

export interface PoolOptions extends WorkerSettings {
  /** Number of worker processes. */
  workers: number;
  /** Called with one line when a worker dies or the pool changes state (default: `console.error`). */
  log?: (line: string) => void;
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
}

export class WorkerPool {
  readonly #options: PoolOptions;
  readonly #workers = new Set<WorkerProcess>();
  readonly #queue: Job[] = [];
  readonly #restarts = new RestartPolicy();
  readonly #log: (line: string) => void;
  #restarted = 0;
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#log = options.log ?? ((line) => console.error(line));
    for (let i = 0; i < options.workers; i++) this.#spawn();
  }

  /** Runs a script; resolves with the worker's result or rejects with a coded error. */
  run(message: Omit<RunMessage, 'type' | 'id'>): Promise<ResultMessage> {
    if (this.#closed) return Promise.reject(new NoWorkerError('the server is shutting down'));
    if (this.#refusing()) return Promise.reject(this.#crashLoopError());
    return new Promise((resolve, reject) => {
      this.#queue.push({ message: { ...message, type: 'run', id: this.#nextId++ }, resolve, reject });
      this.#dispatch();
    });
  }

  /** Resolves once every worker is ready; rejects with `ERR_NO_WORKER` in a crash loop. */
  async ready(): Promise<void> {
    while (![...this.#workers].every((worker) => worker.ready) || this.#workers.size < this.#options.workers) {
      if (this.#refusing()) throw this.#crashLoopError();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  stats(): PoolStats {
    const workers = [...this.#workers];
    return {
      workers: workers.length,
      ready: workers.filter((worker) => worker.ready).length,
      busy: workers.filter((worker) => worker.job !== undefined).length,
      queued: this.#queue.length,
      restarts: this.#restarted,
      crashLooping: this.#restarts.crashLooping,
      pids: workers.flatMap((worker) => (worker.process.pid === undefined ? [] : [worker.process.pid])),
    };
  }

  /** Stops the workers once queued and in-flight runs have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#queue.length > 0 || [...this.#workers].some((worker) => worker.job !== undefined)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
  }

  #spawn(): void {
    const { root, timeout, deadline, memoryLimit, isolation, contextsPerIsolate, limits } = this.#options;
    const settings: WorkerSettings = { root, timeout, deadline, memoryLimit, isolation, contextsPerIsolate, limits };
    this.#workers.add(new WorkerProcess(settings, {
      message: (worker, message) => this.#onMessage(worker, message),
      exit: (worker, code, signal) => this.#onExit(worker, code, signal),
    }));
  }

  #onMessage(worker: WorkerProcess, message: WorkerMessage): void {
    if (message.type === 'ready') {
      if (this.#restarts.ready()) this.#log('sandbox workers start again; the crash loop is over');
    } else if (worker.job !== undefined && message.id === worker.job.message.id) {
      worker.finish()?.resolve(message);
    }
    this.#dispatch();
  }

  #onExit(worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null): void {
    this.#workers.delete(worker);
    const job = worker.finish();
    const detail = worker.describeExit(code, signal);
    if (job !== undefined) {
      const error = worker.failure(code, signal);
      this.#log(`sandbox worker ${worker.process.pid} stopped while running ${job.message.script}: ${error.message}`);
      job.reject(error);
    }
    if (this.#closed) return;
    const wasLooping = this.#restarts.crashLooping;
    const delay = this.#restarts.ended({ wasReady: worker.ready, hadJob: job !== undefined, detail });
    if (job === undefined) this.#log(`sandbox worker ${worker.process.pid} stopped (${detail}); a new one starts in ${delay} ms`);
    if (this.#restarts.crashLooping && !wasLooping) {
      this.#log(`sandbox workers keep failing (${this.#restarts.faults} in a row, last: ${detail}); requests get 503 ERR_NO_WORKER until one starts`);
    }
    if (this.#refusing()) for (const queued of this.#queue.splice(0)) queued.reject(this.#crashLoopError());
    const restart = () => {
      if (this.#closed) return;
      this.#restarted++;
      this.#spawn();
      this.#dispatch();
    };
    if (delay === 0) restart();
    else setTimeout(restart, delay).unref();
  }

  /** In a crash loop with no worker ready, requests are refused rather than queued. */
  #refusing(): boolean {
    return this.#restarts.crashLooping && ![...this.#workers].some((worker) => worker.ready);
  }

  #crashLoopError(): NoWorkerError {
    return new NoWorkerError('sandbox workers keep crashing; see the server log');
  }

  #dispatch(): void {
    for (const worker of this.#workers) {
      if (this.#queue.length === 0) return;
      if (!worker.idle) continue;
      const job = this.#queue.shift() as Job;
      worker.start(job, this.#options.deadline + HANG_GRACE_MS, () => new ScriptDeadlineError(this.#options.deadline));
    }
  }
}
