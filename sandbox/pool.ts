/**
 * The worker pool: supervised child processes that run scripts (one run at a time each). Requests
 * queue until a worker is free. A worker that dies or hangs is killed and replaced (with backoff
 * when it keeps dying); only the run it had in flight fails. Sessions live in the main process or
 * the store, so a crash loses none.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MemoryLimitError, NoWorkerError, ScriptTimeoutError, WorkerCrashedError } from './errors.js';
import type { ResultMessage, RunMessage, WorkerMessage, WorkerSettings } from './protocol.js';
import type { CodedError } from '../session/errors.js';

const workerEntry = fileURLToPath(new URL('./worker-main.js', import.meta.url));
/** Extra time a worker gets past the script time limit before it is killed as hung. */
const HANG_GRACE_MS = 2000;
/** V8 prints this on stderr when it dies of heap exhaustion. */
const OOM_PATTERN = /Last few GCs|heap out of memory|Fatal JavaScript|invalid table size|invalid array length/i;
const STDERR_TAIL = 8192;
const MAX_BACKOFF_MS = 5000;

/** A run waiting for, or held by, a worker. */
interface Job {
  message: RunMessage;
  resolve(result: ResultMessage): void;
  reject(error: CodedError): void;
}

interface Worker {
  process: ChildProcess;
  ready: boolean;
  job: Job | undefined;
  watchdog: NodeJS.Timeout | undefined;
  stderr: string;
  /** Set when the supervisor kills it, with the error its job gets. */
  killedWith: CodedError | undefined;
}

export interface PoolOptions extends WorkerSettings {
  /** Number of worker processes. */
  workers: number;
  /** Called with one line when a worker dies (default: `console.error`). */
  log?: (line: string) => void;
}

export class WorkerPool {
  readonly #options: PoolOptions;
  readonly #workers = new Set<Worker>();
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;
  #recentCrashes = 0;
  #lastCrash = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
    for (let i = 0; i < options.workers; i++) this.#spawn();
  }

  /** Runs a script; resolves with the worker's result or rejects with a coded error. */
  run(message: Omit<RunMessage, 'type' | 'id'>): Promise<ResultMessage> {
    if (this.#closed) return Promise.reject(new NoWorkerError('the server is shutting down'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ message: { ...message, type: 'run', id: this.#nextId++ }, resolve, reject });
      this.#dispatch();
    });
  }

  /** Resolves once every worker is ready (useful before benchmarks and tests). */
  async ready(): Promise<void> {
    while (![...this.#workers].every((worker) => worker.ready)) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Stops the workers once queued and in-flight runs have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#queue.length > 0 || [...this.#workers].some((worker) => worker.job !== undefined)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([...this.#workers].map((worker) => this.#stop(worker)));
  }

  #spawn(): void {
    const child = fork(workerEntry, [JSON.stringify(this.#workerSettings())], {
      execArgv: ['--no-node-snapshot'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    const worker: Worker = { process: child, ready: false, job: undefined, watchdog: undefined, stderr: '', killedWith: undefined };
    this.#workers.add(worker);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      worker.stderr = (worker.stderr + chunk).slice(-STDERR_TAIL);
      if (worker.job !== undefined && OOM_PATTERN.test(worker.stderr)) this.#kill(worker, new MemoryLimitError(this.#options.memoryLimit));
    });
    child.on('message', (message: WorkerMessage) => this.#onMessage(worker, message));
    child.on('exit', (code, signal) => this.#onExit(worker, code, signal));
    child.on('error', () => undefined);
  }

  #workerSettings(): WorkerSettings {
    const { root, timeout, memoryLimit, isolation, contextsPerIsolate } = this.#options;
    return { root, timeout, memoryLimit, isolation, contextsPerIsolate };
  }

  #onMessage(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'ready') {
      worker.ready = true;
    } else if (worker.job !== undefined && message.id === worker.job.message.id) {
      const job = worker.job;
      this.#finish(worker);
      job.resolve(message);
    }
    this.#dispatch();
  }

  #onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    this.#workers.delete(worker);
    const job = worker.job;
    this.#finish(worker);
    if (job !== undefined) {
      const error = worker.killedWith
        ?? (OOM_PATTERN.test(worker.stderr) ? new MemoryLimitError(this.#options.memoryLimit) : new WorkerCrashedError(signal ?? `exit code ${code}`));
      (this.#options.log ?? console.error)(`sandbox worker ${worker.process.pid} stopped while running ${job.message.script}: ${error.message}`);
      job.reject(error);
    }
    if (this.#closed) return;
    const delay = this.#backoff();
    if (delay === 0) this.#spawn();
    else setTimeout(() => {
      if (!this.#closed) this.#spawn();
      this.#dispatch();
    }, delay).unref();
    this.#dispatch();
  }

  /** Restart delay: none for an occasional crash, doubling while workers keep dying. */
  #backoff(): number {
    const now = Date.now();
    this.#recentCrashes = now - this.#lastCrash < MAX_BACKOFF_MS * 2 ? this.#recentCrashes + 1 : 1;
    this.#lastCrash = now;
    return this.#recentCrashes <= 3 ? 0 : Math.min(MAX_BACKOFF_MS, 100 * 2 ** (this.#recentCrashes - 3));
  }

  #dispatch(): void {
    for (const worker of this.#workers) {
      if (this.#queue.length === 0) return;
      if (!worker.ready || worker.job !== undefined) continue;
      const job = this.#queue.shift() as Job;
      worker.job = job;
      worker.stderr = '';
      worker.watchdog = setTimeout(() => this.#kill(worker, new ScriptTimeoutError(this.#options.timeout)), this.#options.timeout + HANG_GRACE_MS);
      worker.process.send(job.message, (error) => {
        if (error !== null) this.#kill(worker, new WorkerCrashedError('could not send the request'));
      });
    }
  }

  #finish(worker: Worker): void {
    clearTimeout(worker.watchdog);
    worker.watchdog = undefined;
    worker.job = undefined;
  }

  #kill(worker: Worker, error: CodedError): void {
    if (worker.killedWith !== undefined) return;
    worker.killedWith = error;
    worker.process.kill('SIGKILL');
  }

  async #stop(worker: Worker): Promise<void> {
    if (worker.process.exitCode !== null || worker.process.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      worker.process.once('exit', () => resolve());
      worker.process.disconnect();
      setTimeout(() => worker.process.kill('SIGKILL'), 2000).unref();
    });
  }
}
