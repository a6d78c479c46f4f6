/**
 * The worker pool: supervised child processes that run scripts (one run at a time each). Requests
 * queue until a worker is free, so a stuck script holds only its own worker. A worker that dies or
 * hangs is killed and replaced (see `RestartPolicy` for backoff and crash loops); only the run it
 * had in flight fails. Sessions live in the main process or the store, so a crash loses none.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MemoryLimitError, NoWorkerError, ScriptDeadlineError, WorkerCrashedError } from './errors.js';
import type { ResultMessage, RunMessage, WorkerMessage, WorkerSettings } from './protocol.js';
import { RestartPolicy } from './restart-policy.js';
import type { CodedError } from '../session/errors.js';

const workerEntry = fileURLToPath(new URL('./worker-main.js', import.meta.url));
/** Extra time a worker gets past the run deadline before it is killed as hung. */
const HANG_GRACE_MS = 2000;
/** A worker that is not ready this long after its start is killed (and counts as a fault). */
const STARTUP_TIMEOUT_MS = 30_000;
/** V8 prints this on stderr when it dies of heap exhaustion (it may then hang instead of exiting). */
const OOM_PATTERN = /Last few GCs|heap out of memory|Fatal JavaScript|invalid table size|invalid array length/i;
const STDERR_TAIL = 8192;

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
  /** Kills the worker when its run (or its start) takes too long. */
  watchdog: NodeJS.Timeout | undefined;
  stderr: string;
  /** Set when the supervisor kills it, with the error its job gets. */
  killedWith: CodedError | undefined;
}

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
  readonly #workers = new Set<Worker>();
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
    worker.watchdog = setTimeout(() => this.#kill(worker, new WorkerCrashedError('it did not start in time')), STARTUP_TIMEOUT_MS);
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
    const { root, timeout, deadline, memoryLimit, isolation, contextsPerIsolate, limits } = this.#options;
    return { root, timeout, deadline, memoryLimit, isolation, contextsPerIsolate, limits };
  }

  #onMessage(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'ready') {
      worker.ready = true;
      clearTimeout(worker.watchdog);
      if (this.#restarts.ready()) this.#log('sandbox workers start again; the crash loop is over');
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
    const detail = `${signal ?? `exit code ${code}`}${lastLine(worker.stderr)}`;
    if (job !== undefined) {
      const error = worker.killedWith
        ?? (OOM_PATTERN.test(worker.stderr) ? new MemoryLimitError(this.#options.memoryLimit) : new WorkerCrashedError(signal ?? `exit code ${code}`));
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
      if (!worker.ready || worker.job !== undefined || worker.killedWith !== undefined) continue;
      const job = this.#queue.shift() as Job;
      worker.job = job;
      worker.stderr = '';
      worker.watchdog = setTimeout(() => this.#kill(worker, new ScriptDeadlineError(this.#options.deadline)), this.#options.deadline + HANG_GRACE_MS);
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
    clearTimeout(worker.watchdog);
    if (worker.process.exitCode !== null || worker.process.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      worker.process.once('exit', () => resolve());
      if (worker.process.connected) worker.process.disconnect();
      setTimeout(() => worker.process.kill('SIGKILL'), 2000).unref();
    });
  }
}

/** `: <last stderr line>`, or nothing. */
function lastLine(stderr: string): string {
  const line = stderr.trim().split('\n').pop()?.trim() ?? '';
  return line === '' ? '' : `: ${line.slice(0, 300)}`;
}
