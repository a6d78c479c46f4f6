/**
 * One supervised sandbox worker process: forked with `--no-node-snapshot`, the tail of its stderr
 * kept (V8 prints its fatal heap report there, and may then hang instead of exiting), and a
 * watchdog that kills it when its start-up or its current run takes too long.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MemoryLimitError, WorkerCrashedError } from './errors.js';
import type { ResultMessage, RunMessage, WorkerMessage, WorkerSettings } from './protocol.js';
import type { CodedError } from '../session/errors.js';

const workerEntry = fileURLToPath(new URL('./worker-main.js', import.meta.url));
/** A worker that is not ready this long after its start is killed. */
const STARTUP_TIMEOUT_MS = 30_000;
/** V8 prints this on stderr when it dies of heap exhaustion. */
const OOM_PATTERN = /Last few GCs|heap out of memory|Fatal JavaScript|invalid table size|invalid array length/i;
const STDERR_TAIL = 8192;

/** A run waiting for, or held by, a worker. */
export interface Job {
  message: RunMessage;
  resolve(result: ResultMessage): void;
  reject(error: CodedError): void;
}

export interface WorkerEvents {
  message(worker: WorkerProcess, message: WorkerMessage): void;
  exit(worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null): void;
}

export class WorkerProcess {
  readonly process: ChildProcess;
  ready = false;
  job: Job | undefined;
  /** Set when the supervisor kills it, with the error its job gets. */
  killedWith: CodedError | undefined;
  readonly #memoryLimit: number;
  #watchdog: NodeJS.Timeout | undefined;
  #stderr = '';

  constructor(settings: WorkerSettings, events: WorkerEvents) {
    this.#memoryLimit = settings.memoryLimit;
    this.process = fork(workerEntry, [JSON.stringify(settings)], {
      execArgv: ['--no-node-snapshot'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.#watchdog = setTimeout(() => this.kill(new WorkerCrashedError('it did not start in time')), STARTUP_TIMEOUT_MS);
    this.process.stderr?.setEncoding('utf8');
    this.process.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_TAIL);
      if (this.job !== undefined && OOM_PATTERN.test(this.#stderr)) this.kill(new MemoryLimitError(this.#memoryLimit));
    });
    this.process.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        this.ready = true;
        clearTimeout(this.#watchdog);
      }
      events.message(this, message);
    });
    this.process.on('exit', (code, signal) => {
      clearTimeout(this.#watchdog);
      events.exit(this, code, signal);
    });
    this.process.on('error', () => undefined);
  }

  /** Free to take a run. */
  get idle(): boolean {
    return this.ready && this.job === undefined && this.killedWith === undefined;
  }

  /** Sends `job` to the worker; it is killed with `onHang()` when no result came within `limitMs`. */
  start(job: Job, limitMs: number, onHang: () => CodedError): void {
    this.job = job;
    this.#stderr = '';
    this.#watchdog = setTimeout(() => this.kill(onHang()), limitMs);
    this.process.send(job.message, (error) => {
      if (error !== null) this.kill(new WorkerCrashedError('could not send the request'));
    });
  }

  /** Ends the current run (result received or worker gone); returns its job. */
  finish(): Job | undefined {
    clearTimeout(this.#watchdog);
    const job = this.job;
    this.job = undefined;
    return job;
  }

  /** The error the run in flight gets after the worker stopped. */
  failure(code: number | null, signal: NodeJS.Signals | null): CodedError {
    if (this.killedWith !== undefined) return this.killedWith;
    return OOM_PATTERN.test(this.#stderr) ? new MemoryLimitError(this.#memoryLimit) : new WorkerCrashedError(signal ?? `exit code ${code}`);
  }

  /** How it stopped, for the log: the exit code or signal and its last stderr line. */
  describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    const line = this.#stderr.trim().split('\n').pop()?.trim() ?? '';
    return `${signal ?? `exit code ${code}`}${line === '' ? '' : `: ${line.slice(0, 300)}`}`;
  }

  kill(error: CodedError): void {
    if (this.killedWith !== undefined) return;
    this.killedWith = error;
    this.process.kill('SIGKILL');
  }

  /** Asks the worker to exit (it does when its IPC channel closes); kills it after 2 s. */
  async stop(): Promise<void> {
    clearTimeout(this.#watchdog);
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.process.once('exit', () => resolve());
      if (this.process.connected) this.process.disconnect();
      setTimeout(() => this.process.kill('SIGKILL'), 2000).unref();
    });
  }
}
