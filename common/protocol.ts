/**
 * Messages between the main process and a sandbox worker, sent as frames (frame-channel.ts): the
 * request and response bodies travel as the frames' binary bodies.
 */
import type { ErrorDescriptor } from './errors.js';
import type { ConsoleLine } from './console-lines.js';
import type { RequestLimits } from './limits.js';
import type { RequestSnapshot, ResponseSnapshot, SessionOp, SessionSettings, SessionSnapshot } from './snapshot.js';

/** How scripts are isolated from each other's requests. */
export type IsolationMode = 'script' | 'request';

/** Settings a worker starts with (passed as JSON in `argv[2]`). */
export interface WorkerSettings {
  root: string;
  /** Time limit of the script's synchronous run, ms. */
  timeout: number;
  /** Wall-clock limit of a whole run, awaiting included, ms. */
  deadline: number;
  memoryLimit: number;
  isolation: IsolationMode;
  /** In `request` mode: contexts an isolate serves before it is replaced. */
  contextsPerIsolate: number;
  limits: RequestLimits;
}

/** Main → worker: run one script for one request. */
export interface RunMessage {
  type: 'run';
  id: number;
  /** Script path under the root (`/` separators), also its module id. */
  script: string;
  /** Modification time of the script file; a change recompiles it. */
  mtimeMs: number;
  request: RequestSnapshot;
  /**
   * True to keep the request in the main process until the worker asks for it (a `request` host
   * call, common/host-call.ts): the script's last run did not read it. Default false.
   */
  requestDeferred?: boolean | undefined;
  session: SessionSnapshot | undefined;
  settings: SessionSettings;
}

/**
 * A run that took its worker less than this (ms) is quick: waiting behind one costs next to
 * nothing. A worker sends a result together with the next one when that run is quick
 * (sandbox/worker-main.ts); the pool packs runs onto a worker behind quick ones
 * (supervisor/worker-choice.ts).
 */
export const QUICK_RUN_MS = 1;

/**
 * Worker → main: the outcome of a run. Absent optional fields may be present as `undefined` (JSON
 * leaves them out): results are built with every field in place, one object shape, no copying.
 */
export interface ResultMessage {
  type: 'result';
  id: number;
  response: ResponseSnapshot;
  sessionOps: SessionOp[];
  /** True when the script used its session (so the main process loads it before the script's next run). */
  sessionUsed?: boolean | undefined;
  /** True when the script read its request (so the main process sends it with the script's next run). */
  requestUsed?: boolean | undefined;
  /** Why the run did not end normally: the script's uncaught error, or the limit that stopped it. */
  failure?: ErrorDescriptor | undefined;
  /** True when the sandbox stopped the script at a limit (time, deadline, memory), not the script's own throw. */
  stopped?: boolean | undefined;
  /** The worker's CPU time so far (user + system, µs, `process.cpuUsage`), for `stats()`; on a result every 50 ms at most. */
  cpuMicros?: number | undefined;
  /** How long the run took its worker, awaiting included (µs): the pool packs runs behind quick ones (worker-choice.ts). */
  runMicros?: number | undefined;
  /** What the script wrote to its console (bounded per run). */
  console?: ConsoleLine[] | undefined;
}

/** Worker → main: loaded and ready for work. */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * A run message as framed: the request travels in the frame's body, as JSON followed by its bytes
 * (request-frame.ts), and only its time in the header. Large session attribute values come first
 * in the body, as UTF-8, their places in the header holding their lengths (worker-frames.ts).
 */
export type RunFrame = Omit<RunMessage, 'request' | 'requestDeferred'> & {
  /** The request's time (`RequestSnapshot.time`). */
  time: number;
  /**
   * Length of the request's JSON at the start of the frame's body (after the session's values
   * carried there, `bodyValues` in worker-frames.ts), or `REQUEST_DEFERRED`: the
   * frame has no request, and the worker asks for it when the script first reads it.
   */
  requestBytes: number;
};

/** `RunFrame.requestBytes` of a run whose request stays in the main process until asked for. */
export const REQUEST_DEFERRED = -1;

/** A result message as framed: the response body travels as the frame's body. */
export type ResultFrame = Omit<ResultMessage, 'response'> & { response: Omit<ResponseSnapshot, 'body'> };

/** Worker → main: the synchronous part of run `id` ended within `timeout`; it now awaits a promise (up to the deadline). */
export interface AwaitingMessage {
  type: 'awaiting';
  id: number;
}

/** Worker → main, as framed. */
export type WorkerFrame = ResultFrame | ReadyMessage | AwaitingMessage;
