/**
 * Synchronous calls from a sandbox worker to the main process (the HTTP client's requests, and the
 * load of a session or a request the run was started without): the worker writes a call frame on its call pipe
 * and blocks reading the reply pipe until the main process answers. Frames have the layout of
 * frame-channel.ts; the bytes of a request or response body travel as the frame's body.
 */
import type { SessionSettings, SessionSnapshot } from './snapshot.js';

/** Worker → main: one HTTP request a script makes with `http/v4/client`. */
export interface HttpClientCall {
  type: 'http-client';
  id: number;
  method: string;
  url: string;
  /** Request headers, `[name, value]`, in order. */
  headers: Array<[string, string]>;
  /** True when the frame's body is the request body (absent: no body). */
  hasBody: boolean;
  /** Return the body as bytes (`data`) even when it is text. */
  binary: boolean;
  /** Follow redirects (within the allowed hosts) up to `maxRedirects`. */
  followRedirects: boolean;
  maxRedirects: number;
  /** Time left for this call, ms: the smaller of the script's wish and what is left of the run's deadline. */
  timeoutMs: number;
}

/** Main → worker: the response (its body, when `data` is wanted, is the frame's body). */
export interface HttpClientAnswer {
  id: number;
  ok: true;
  statusCode: number;
  statusMessage: string;
  protocol: string;
  headers: Array<{ name: string; value: string }>;
  /** The body as text, when it is text and bytes were not asked for. */
  text?: string;
  /** True when the body is in the frame's body (and becomes the response's `data`). */
  binary: boolean;
}

/**
 * Worker → main: the script used its session, which the run was started without
 * (`SessionSettings.deferred`): open it now, as it would have been opened before the run.
 */
export interface SessionCall {
  type: 'session';
  id: number;
  /** The `deferred` number of the run's session settings. */
  token: number;
  /** Time left of the run's deadline, ms: the longest the call may wait for the session's lock. */
  timeoutMs: number;
}

/** Main → worker: the session as the run would have been started with it. */
export interface SessionAnswer {
  id: number;
  ok: true;
  /** The stored session the request names, when there is one. */
  session?: SessionSnapshot;
  /** The session settings of the run (never `deferred`; `storeUnavailable` when the store did not answer). */
  settings: SessionSettings;
}

/**
 * Worker → main: the script read its request, which the run was started without
 * (`RunFrame.requestBytes` was `REQUEST_DEFERRED`).
 */
export interface RequestCall {
  type: 'request';
  id: number;
  /** The id of the run whose request it is. */
  run: number;
}

/** Main → worker: the request, framed as a run frame would have carried it (request-frame.ts) in the frame's body. */
export interface RequestAnswer {
  id: number;
  ok: true;
  /** Length of the request's JSON at the start of the frame's body. */
  requestBytes: number;
}

/** Main → worker: the call was refused or failed. */
export interface HostCallFailure {
  id: number;
  ok: false;
  /** The coded error the script's call throws, as `{ name, code, message }`. */
  error: { name: string; code: string; message: string };
}

export type HostCall = HttpClientCall | SessionCall | RequestCall;
export type HostCallReply = HttpClientAnswer | SessionAnswer | RequestAnswer | HostCallFailure;
