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

/**
 * Most headers one client call may send. The main process checks and writes every header of a
 * call on its own thread, where every request waits: a script's hundred thousand headers stalled
 * it for a fifth of a second per call. No server takes more than about a hundred anyway.
 */
export const CLIENT_CALL_MAX_HEADERS = 1000;
/**
 * Most bytes (UTF-8) of one client call's method, URL and header names and values together; the
 * same reason, and servers refuse far smaller request heads (Node 16 KiB, nginx 8 KiB a line).
 */
export const CLIENT_CALL_MAX_HEAD_BYTES = 64 * 1024;
/**
 * Largest JSON header of a host call frame, bytes: a client call within the limits above takes at
 * most six bytes of JSON per character of its head, plus its field names. The call's body (a
 * request body) travels in the frame's body and is not bounded by this.
 */
export const HOST_CALL_MAX_HEADER_BYTES = 1024 * 1024;

/** Bytes (UTF-8) of a client call's method, URL and header names and values. */
export function clientCallHeadBytes(
  method: string,
  url: string,
  headers: ReadonlyArray<readonly [string, string]>,
): number {
  let bytes = Buffer.byteLength(method) + Buffer.byteLength(url);
  for (const [name, value] of headers) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/**
 * The reason a client call's head is over the limits above, or `undefined` when it is within them.
 */
export function clientCallHeadExcess(
  method: string,
  url: string,
  headers: ReadonlyArray<readonly [string, string]>,
): string | undefined {
  if (headers.length > CLIENT_CALL_MAX_HEADERS)
    return `${headers.length} request headers, more than the ${CLIENT_CALL_MAX_HEADERS} a call may send`;
  const bytes = clientCallHeadBytes(method, url, headers);
  if (bytes > CLIENT_CALL_MAX_HEAD_BYTES)
    return `the method, URL and headers take ${bytes} bytes, more than the ${CLIENT_CALL_MAX_HEAD_BYTES} a call may send`;
  return undefined;
}

/** Main → worker: the response (its body, when `data` is wanted, is the frame's body). */
export interface HttpClientAnswer {
  id: number;
  ok: true;
  statusCode: number;
  statusMessage: string;
  protocol: string;
  headers: Array<{ name: string; value: string }>;
  /**
   * True when the body is text and bytes were not asked for: the frame's body holds its bytes as
   * they came, which the worker decodes with the charset of the Content-Type. The main process only
   * moves a body: decoding it and writing it as JSON text cost its thread about 200 ms for 10 MiB.
   */
  text: boolean;
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
