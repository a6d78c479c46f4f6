/**
 * One supervised sandbox worker process: spawned with `--no-node-snapshot` (isolated-vm) and
 * `--expose-gc` (its own collections, kept out of the scripts' contexts: worker/sandbox/
 * external-garbage.ts), spoken to through a frame channel (stdin out, fd 3 back), its synchronous host calls answered on fds 4 and 5
 * (host-calls.ts), the tail of its stderr kept (V8 prints its fatal heap report there, and may then hang instead of exiting), and a watchdog that kills it when its
 * start-up, or the run at the head of its queue, takes too long, or when its resident memory passes
 * its bound (worker-memory.ts: memory outside the isolate's heap, which `memoryLimit` does not count).
 *
 * A worker may hold several runs (pipelining): it runs them in order, so the first is the one
 * running and the others have not started. When the worker stops, the running one fails and the
 * others are handed back to be run elsewhere.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { MemoryLimitError, WorkerCrashedError } from '../../common/errors.js';
import { maxResultFrameBytes } from '../../common/limits.js';
import { FrameChannel } from '../../common/frame-channel.js';
import { HOST_CALL_MAX_HEADER_BYTES } from '../../common/host-call.js';
import { requestToFrame } from '../../common/request-frame.js';
import { bodyValues, decodeWorkerFrame, encodeRunFrame } from '../../common/worker-frames.js';
import { type HostCallHandler, refuseHostCalls, serveHostCalls } from './host-calls.js';
import {
  REQUEST_DEFERRED,
  type ResultMessage,
  type RunFrame,
  type RunMessage,
  type WorkerFrame,
  type WorkerSettings,
} from '../../common/protocol.js';
import type { CodedError } from '../../common/errors.js';
import { processCpuMs } from './process-cpu.js';
import { processRssBytes, workerMemoryBound } from './worker-memory.js';
import { lowerWorkerPriority } from './worker-priority.js';
import { stderrCause } from './stderr-cause.js';

const workerEntry = fileURLToPath(new URL('../../worker/sandbox/worker-main.js', import.meta.url));
/**
 * How long (µs) a run may wait for the end of the main process's turn before it goes to its worker.
 * Requests arrive in bursts (every connection whose response went out sends its next one), and
 * parsing a burst takes the main process a while: a worker that gets the first runs of it at once
 * works through them meanwhile, instead of waiting for the whole burst. A run started from a burst
 * of Redis replies, which the main process goes through quickly, still goes in one write with the
 * others. On Basic Usage with 32 connections this served 5-9% more requests a second than one
 * write per turn; writing every 4 runs served about 12% more, but cost about 10 µs more CPU per
 * request with Redis, where this costs 2-6.
 */
const RUN_WRITE_AFTER_MICROS = 100;
/** A worker that is not ready this long after its start is killed. */
const STARTUP_TIMEOUT_MS = 30_000;
/** V8 prints this on stderr when it dies of heap exhaustion. */
const OOM_PATTERN = /Last few GCs|heap out of memory|Fatal JavaScript|invalid table size|invalid array length/i;
const STDERR_TAIL = 8192;
/** A run still running after this many ms has its worker's CPU time read (most runs end sooner). */
const SYNC_PROBE_MS = 100;
/**
 * How often (ms) the resident memory of a worker that held a run since the last reading is read.
 * Memory outside the isolate's heap grows by up to about 750 MB a second (Intl objects), so a
 * worker passes its bound by a few dozen MB at most before it is killed.
 */
const MEMORY_PROBE_MS = 100;

/**
 * The limit of a run's synchronous part (the script's `timeout` plus a grace, in the worker's CPU
 * time): work the isolate cannot interrupt (a loop allocating large arrays, for one) ends here, by
 * killing the worker.
 */
export interface SyncLimit {
  limitMs: number;
  /** The error the running job gets (`ERR_SCRIPT_TIMEOUT`). */
  onHang: () => CodedError;
}

/** A run waiting for, or held by, a worker. */
export interface Job {
  message: RunMessage;
  resolve(result: ResultMessage): void;
  reject(error: CodedError): void;
}

export interface WorkerEvents {
  /** The worker finished `job` (the head of its queue) after running it for `runMs`. */
  result(worker: WorkerProcess, job: Job, result: ResultMessage, runMs: number): void;
  ready(worker: WorkerProcess): void;
  /** The worker stopped; `running` (if any) was in progress, `unstarted` never began. */
  exit(
    worker: WorkerProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
    running: Job | undefined,
    unstarted: Job[],
  ): void;
  /** Carries out the worker's synchronous host calls (the HTTP client); default: refuse them. */
  hostCall?: HostCallHandler | undefined;
}

export class WorkerProcess {
  readonly process: ChildProcess;
  ready = false;
  /** Runs sent to the worker, in order; the first is running. */
  readonly jobs: Job[] = [];
  /** Set when the supervisor kills it, with the error its running job gets. */
  killedWith: CodedError | undefined;
  readonly #memoryLimit: number;
  readonly #limitMs: number;
  readonly #onHang: () => CodedError;
  readonly #sync: SyncLimit | undefined;
  /** Absent when the process could not be spawned (no file descriptors left, for one). */
  readonly #channel: FrameChannel<RunFrame, WorkerFrame> | undefined;
  /** Why the process could not be spawned, if it could not. */
  #spawnError: string | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #headSince = 0;
  /** Counts the runs that reached the head of the queue (a probe knows whether its run is still there). */
  #head = 0;
  /** True while the watchdog is `#watchSync`'s first stage, which may serve later heads too. */
  #probing = false;
  #stderr = '';
  /** The worker's CPU time (µs) as of its latest result. */
  cpuMicros = 0;
  /**
   * True once it was killed for passing its memory bound: a script's doing, not the environment's,
   * even when no run was under way (memory kept in a warm context's globals).
   */
  overMemory = false;
  readonly #memoryBound: number;
  #memoryProbe: NodeJS.Timeout | undefined;
  /** True when it held a run since its memory was last read. */
  #ranSinceProbe = false;

  /**
   * @param limitMs how long the run at the head of the queue may take before the worker is killed
   * @param onHang the error the running job gets then
   * @param sync the tighter limit of a run's synchronous part, until the worker says it awaits
   */
  constructor(
    settings: WorkerSettings,
    limitMs: number,
    onHang: () => CodedError,
    events: WorkerEvents,
    sync?: SyncLimit,
  ) {
    this.#memoryLimit = settings.memoryLimit;
    this.#memoryBound = workerMemoryBound(settings.memoryLimit);
    this.#limitMs = limitMs;
    this.#onHang = onHang;
    this.#sync = sync;
    this.process = spawn(
      process.execPath,
      ['--no-node-snapshot', '--expose-gc', workerEntry, JSON.stringify(settings)],
      {
        stdio: ['pipe', 'inherit', 'pipe', 'pipe', 'pipe', 'pipe'],
      },
    );
    if (this.process.pid !== undefined) lowerWorkerPriority(this.process.pid);
    // 'close' comes after the result pipe is drained, so every result the worker sent is in. It
    // also comes when the spawn failed: then the exit code is the (negative) error number.
    this.process.on('close', (code, signal) => {
      clearTimeout(this.#watchdog);
      clearInterval(this.#memoryProbe);
      const [running, ...unstarted] = this.jobs.splice(0);
      events.exit(this, code, signal, running, unstarted);
    });
    this.process.on('error', (error) => {
      if (this.process.pid === undefined) this.#spawnError = error.message;
    });
    // Out of file descriptors (EMFILE, ENFILE), Node reports the failed spawn later and sets up no
    // pipes: the worker never starts, and 'close' has the pool start another after a back-off.
    const stdio = this.process.stdio as unknown as Array<Readable & Writable> | undefined;
    if (stdio === undefined) {
      this.#channel = undefined;
      return;
    }
    const [input, , , output, calls, replies] = stdio;
    // A worker announcing a frame no run can produce runs code no script can run: it is killed.
    const maxFrameBytes = maxResultFrameBytes(settings.limits);
    const oversized = (bytes: number) =>
      this.kill(new WorkerCrashedError(`it sent a ${bytes}-byte frame, larger than any run can produce`));
    const malformed = (error: unknown) =>
      this.kill(new WorkerCrashedError(`it sent a frame no worker writes (${(error as Error).message})`));
    serveHostCalls(
      calls as Readable,
      replies as Writable,
      events.hostCall ?? refuseHostCalls,
      () => this.jobs.map((job) => job.message),
      // A call carries what a script built in its isolate (an HTTP request body): at most its heap, UTF-8 encoded.
      // Its JSON header is small whatever the script does (the client call's head is bounded).
      {
        maxFrameBytes: Math.max(maxFrameBytes, 3 * settings.memoryLimit * 1024 * 1024),
        maxHeaderBytes: HOST_CALL_MAX_HEADER_BYTES,
        oversized,
        malformed,
      },
    );
    this.#channel = new FrameChannel(output as Readable, input as Writable, {
      maxFrameBytes,
      codec: { encode: encodeRunFrame, decode: decodeWorkerFrame },
      writeAfterMicros: RUN_WRITE_AFTER_MICROS,
    });
    this.#channel.on('oversized', oversized);
    this.#memoryProbe = setInterval(() => this.#probeMemory(), MEMORY_PROBE_MS);
    this.#memoryProbe.unref();
    this.#channel.on('malformed', malformed);
    this.#watchdog = setTimeout(
      () => this.kill(new WorkerCrashedError('it did not start in time')),
      STARTUP_TIMEOUT_MS,
    );
    this.process.stderr?.setEncoding('utf8');
    this.process.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_TAIL);
      if (this.jobs.length > 0 && OOM_PATTERN.test(this.#stderr)) this.kill(new MemoryLimitError(this.#memoryLimit));
    });
    this.#channel.on('frame', ({ message, body }) => {
      if (message.type === 'ready') {
        this.ready = true;
        clearTimeout(this.#watchdog);
        events.ready(this);
        return;
      }
      if (message.type === 'awaiting') {
        if (message.id === this.jobs[0]?.message.id)
          this.#arm(this.#limitMs - (Date.now() - this.#headSince), this.#onHang);
        return;
      }
      const job = this.jobs[0];
      if (job === undefined || message.id !== job.message.id) return;
      this.jobs.shift();
      if (typeof message.cpuMicros === 'number') this.cpuMicros = message.cpuMicros;
      const runMs = Date.now() - this.#headSince;
      this.#startHead();
      // The body is the frame's bytes, whatever the header says (a worker runs hostile code).
      const response = { status: message.response.status, headers: message.response.headers, body };
      events.result(this, job, { ...message, response }, runMs);
    });
  }

  /** When (`Date.now()`) the run at the head of the queue started; meaningless while it holds none. */
  get headSince(): number {
    return this.#headSince;
  }

  /** How the log names it: its process id, or `(unstarted)` when it could not be spawned. */
  get label(): string {
    return this.process.pid === undefined ? '(unstarted)' : String(this.process.pid);
  }

  /** Ready and not being killed. */
  get usable(): boolean {
    return this.ready && this.killedWith === undefined;
  }

  /** Sends `job` to the worker, behind the runs it already holds. */
  start(job: Job): void {
    this.jobs.push(job);
    this.#ranSinceProbe = true;
    const { id, script, mtimeMs, request, requestDeferred, session, settings } = job.message;
    // A deferred request stays here until the worker asks for it (request-calls.ts).
    const framed = requestDeferred === true ? undefined : requestToFrame(request);
    const requestBytes = framed === undefined ? REQUEST_DEFERRED : framed.json.length;
    const values = bodyValues(session);
    this.#channel?.send(
      { type: 'run', id, script, mtimeMs, time: request.time, session, settings, requestBytes },
      framed === undefined ? values : [...values, framed.json, framed.bytes],
    );
    if (this.jobs.length === 1) this.#startHead();
  }

  /**
   * Arms the watchdog for the run now at the head of the queue. A probe still pending (the first
   * stage of `#watchSync`) is kept and serves the new head as well: runs come thousands a second,
   * and a timer set and cleared for each costs the main process more than the run's bookkeeping.
   */
  #startHead(): void {
    this.#head++;
    if (this.jobs.length === 0) {
      clearTimeout(this.#watchdog);
      this.#watchdog = undefined;
      this.#probing = false;
      return;
    }
    this.#stderr = '';
    this.#headSince = Date.now();
    if (this.#probing) return;
    clearTimeout(this.#watchdog);
    if (this.#sync === undefined) this.#arm(this.#limitMs, this.#onHang);
    else this.#watchSync(this.#sync, SYNC_PROBE_MS);
  }

  /**
   * Watches the head run's synchronous part by the worker's CPU time, so a run that only waits for
   * a CPU on a busy machine is not cut: runs that end within `SYNC_PROBE_MS` never read it; past
   * that, the worker is killed once it used `sync.limitMs` of CPU (counting the probe's ms as used),
   * or, whatever the CPU, once the run reached the deadline's limit. A probe that finds another run
   * at the head than the one it was set for probes that run again, `SYNC_PROBE_MS` after its start.
   */
  #watchSync(sync: SyncLimit, probeInMs: number): void {
    const pid = this.process.pid;
    const since = this.#headSince;
    const head = this.#head;
    this.#probing = true;
    this.#watchdog = setTimeout(() => {
      this.#probing = false;
      this.#watchdog = undefined;
      if (this.#head !== head) {
        if (this.jobs.length > 0) this.#watchSync(sync, Math.max(0, SYNC_PROBE_MS - (Date.now() - this.#headSince)));
        return;
      }
      const base = pid === undefined ? undefined : processCpuMs(pid);
      const check = () => {
        const wall = Date.now() - since;
        if (wall >= this.#limitMs) return this.kill(this.#onHang());
        const now = pid === undefined ? undefined : processCpuMs(pid);
        const used = now === undefined || base === undefined ? wall : now - base + SYNC_PROBE_MS;
        if (used >= sync.limitMs) return this.kill(sync.onHang());
        this.#watchdog = setTimeout(check, Math.max(50, sync.limitMs - used));
      };
      this.#watchdog = setTimeout(check, Math.max(0, sync.limitMs - SYNC_PROBE_MS));
    }, probeInMs);
  }

  /**
   * Reads the worker's resident memory when it held a run since the last reading (an idle worker
   * is read once more after its last run), and kills it past its bound: the run under way, if any,
   * gets `ERR_MEMORY_LIMIT`.
   */
  #probeMemory(): void {
    if (!this.#ranSinceProbe) return;
    this.#ranSinceProbe = this.jobs.length > 0;
    const pid = this.process.pid;
    const rss = pid === undefined ? undefined : processRssBytes(pid);
    if (rss === undefined || rss <= this.#memoryBound || this.killedWith !== undefined) return;
    this.overMemory = true;
    this.kill(new MemoryLimitError(this.#memoryLimit));
  }

  /** (Re)arms the watchdog of the head run: after `ms`, the worker is killed with `error()`. */
  #arm(ms: number, error: () => CodedError): void {
    this.#probing = false;
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => this.kill(error()), Math.max(0, ms));
  }

  /** The error the running job gets after the worker stopped. */
  failure(code: number | null, signal: NodeJS.Signals | null): CodedError {
    // V8's fatal heap report names the real cause, even when the watchdog killed the worker first.
    if (OOM_PATTERN.test(this.#stderr)) return new MemoryLimitError(this.#memoryLimit);
    if (this.killedWith !== undefined) return this.killedWith;
    return new WorkerCrashedError(signal ?? `exit code ${code}`);
  }

  /** How it stopped, for the log: the exit code or signal and the cause its stderr gives. */
  describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (this.#spawnError !== undefined) return `it could not be started: ${this.#spawnError}`;
    if (this.overMemory) return `its memory passed ${Math.round(this.#memoryBound / 1024 / 1024)} MB`;
    const line = stderrCause(this.#stderr);
    return `${signal ?? `exit code ${code}`}${line === '' ? '' : `: ${line.slice(0, 300)}`}`;
  }

  kill(error: CodedError): void {
    if (this.killedWith !== undefined) return;
    this.killedWith = error;
    this.process.kill('SIGKILL');
  }

  /** Asks the worker to exit (it does when its input ends); kills it after 2 s. */
  async stop(): Promise<void> {
    clearTimeout(this.#watchdog);
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.process.once('close', () => resolve());
      this.#channel?.flush();
      this.process.stdin?.end();
      setTimeout(() => this.process.kill('SIGKILL'), 2000).unref();
    });
  }
}
