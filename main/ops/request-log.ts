/**
 * What the operator sees of one request: a request id (the client's `X-Request-Id` when it is a
 * sane token, else a new UUID, echoed in the response), the access line and metrics when the
 * response ends, a line per script failure, and the script's console lines.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleLine } from '../../common/console-lines.js';
import type { Logger } from './logger.js';
import { NO_SCRIPT, type RuntimeMetrics, UNCODED_SCRIPT_ERROR } from './metrics.js';
import { mountPrefix } from '../server/mount-prefix.js';
import { clientAddress } from '../server/request-snapshot.js';
import { RuntimeResponse } from '../server/runtime-response.js';
import { LOGIN_FAILURE_TEXT, type LoginFailure } from '../server/login-failure-reasons.js';

/** The header that tells a client (and the logs) which request this was. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The status logged for a request whose client went away before any answer (nginx's). */
export const CLIENT_CLOSED_REQUEST = 499;

/** A request id a client may choose: printable, no spaces, at most 128 characters. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The id of `request`: the client's `X-Request-Id` when it is a sane token, else a new UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Where a request the runtime serves keeps its log, for what reports on a request without being
 * handed its log (a login). A property, not a WeakMap entry: one per request would cost the
 * collector an ephemeron each.
 */
const REQUEST_LOG = Symbol('dirigible.requestLog');

/** A request with its log. */
interface LoggedRequest extends IncomingMessage {
  [REQUEST_LOG]?: RequestLog;
}

/** The log of `request`, when the runtime serves it. */
export function requestLogOf(request: IncomingMessage): RequestLog | undefined {
  return (request as LoggedRequest)[REQUEST_LOG];
}

/** A failed run, as the log and the metrics count it. */
export interface RunFailureReport {
  code: string;
  message: string;
  stack?: string;
}

export class RequestLog {
  readonly id: string;
  /** The script path under the root, once the request was routed to one: failure and console lines name it. */
  script: string | undefined;
  /** The script file's real path under the root (`FoundScript.canonical`): the metrics' `script` label. */
  scriptFile: string | undefined;
  /**
   * True once the request was handed to the sandbox to run `script`, past every check before it
   * (cross-site, user, body, session). Only then do the access line and the request metrics name
   * the script: a request refused before it ran counts under `(none)`.
   */
  ran = false;
  /** Bytes of the body sent, when the head was written without a header object (see response-head.ts). */
  bodyBytes: number | undefined;
  /** True when the connection was closed because its client took none of the response for `sendTimeout`. */
  sendTimedOut = false;
  readonly #logger: Logger;
  readonly #metrics: RuntimeMetrics | undefined;
  readonly #development: boolean;
  /** The path the access line shows, without the query and the session path parameter. */
  readonly #path: string;
  /** Writes the access line, once; `undefined` once written or when none is wanted. */
  #end: (() => void) | undefined;
  /** The client's address, as the request came in (a closed socket may no longer tell it). */
  #remote: string | undefined;

  constructor(
    logger: Logger,
    metrics: RuntimeMetrics | undefined,
    development: boolean,
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ) {
    this.id = requestId(request);
    this.#path = path;
    this.#logger = logger;
    this.#metrics = metrics;
    this.#development = development;
    (request as LoggedRequest)[REQUEST_LOG] = this;
    // An embedder's middleware may read it from here on; the runtime's own responses get it with their head.
    if (!(response instanceof RuntimeResponse)) this.stamp(response);
    else response.requestId = this.id;
    // Neither an access line nor metrics wanted (a level above info): no timing, no listener.
    if (metrics === undefined && logger.isLevelEnabled?.('info') === false) return;
    this.#remote = clientAddress(request);
    const started = process.hrtime.bigint();
    const end = (): void => {
      if (this.#end === undefined) return;
      this.#end = undefined;
      this.#access(request, response, Number(process.hrtime.bigint() - started) / 1e9);
    };
    this.#end = end;
    response.once('close', end);
  }

  /**
   * Writes the access line (aborted) of a request whose connection closed before its response was
   * given the connection: a pipelined request whose client went away before its turn. Node never
   * closes such a response, so its line would otherwise never be written.
   */
  connectionClosed(): void {
    this.#end?.();
  }

  /** Sets the `X-Request-Id` header that names this request to its client, unless the head is out. */
  stamp(response: ServerResponse): void {
    if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, this.id);
  }

  /** Logs a failed run (its stack only in development) and counts it by code. */
  failed({ code, message, stack }: RunFailureReport): void {
    // A script's own uncaught error (a syntax error, a thrown value) may carry no code: it is
    // logged and counted as ERR_SCRIPT (docs/operations.md).
    const shownCode = code === '' ? UNCODED_SCRIPT_ERROR : code;
    this.#metrics?.failure(shownCode);
    const fields: Record<string, unknown> = { reqId: this.id, script: this.script, code: shownCode };
    if (this.#development && stack !== undefined && stack !== '') fields['stack'] = stack;
    this.#logger.error(fields, `script ${this.script ?? '?'} failed (${shownCode}): ${message}`);
  }

  /** Logs a failed HTTP Basic login (`warn`, component `users`) and counts it by reason. */
  loginFailed({ reason, user, remoteAddress }: LoginFailure): void {
    this.#metrics?.loginFailure(reason);
    const who = user === undefined ? '' : ` for user "${user}"`;
    this.#logger.warn(
      { component: 'users', reqId: this.id, reason, ...(user === undefined ? {} : { user }), remoteAddress },
      `login refused${who} from ${remoteAddress || '?'}: ${LOGIN_FAILURE_TEXT[reason]}`,
    );
  }

  /** Logs that the users file does not read or check (`error`, component `users`), `detail` saying why. */
  usersFileFailed(detail: string): void {
    this.#logger.error(
      { component: 'users', reqId: this.id, code: 'ERR_AUTH_FAILED', err: detail },
      `the users file does not read or check: ${detail}`,
    );
  }

  /** Logs what the script wrote to its console, each line at its level; a logger's lines name it (`logger`). */
  console(lines: readonly ConsoleLine[]): void {
    for (const { level, text, logger } of lines) {
      const fields = { reqId: this.id, script: this.script, source: 'console' };
      this.#logger[level](logger === undefined ? fields : { ...fields, logger }, text);
    }
  }

  #access(request: IncomingMessage, response: ServerResponse, seconds: number): void {
    // A client that went away before the answer's head went out was answered nothing: its status
    // is 499, as nginx logs it (client closed request), not the 200 Node's response starts with.
    // A request the HTTP parser refused in the middle of its body was answered by client-errors.ts.
    const refusal = response instanceof RuntimeResponse ? response.refusal : undefined;
    const answered = response.headersSent;
    const status = refusal?.status ?? (answered ? response.statusCode : CLIENT_CLOSED_REQUEST);
    const length = answered ? (this.bodyBytes ?? Number(response.getHeader('content-length') ?? 0)) : 0;
    // The path the client sent: under an app's mount point (`app.use('/scripts', …)`) it starts with
    // it. Never its query nor a rewritten URL's session id: the log must not hold bearer secrets.
    const path = mountPrefix(request) + this.#path;
    const durationMs = Math.round(seconds * 1e6) / 1e3;
    // Node counts a response whose connection was destroyed as finished: a sendTimeout cut is told.
    const aborted = refusal === undefined && (!response.writableFinished || this.sendTimedOut);
    const script = this.ran ? this.script : undefined;
    this.#metrics?.request(status, this.ran ? (this.scriptFile ?? NO_SCRIPT) : NO_SCRIPT, seconds);
    this.#logger.info(
      {
        reqId: this.id,
        ...(this.#remote === undefined ? {} : { remoteAddress: this.#remote }),
        method: request.method,
        path,
        status,
        durationMs,
        bytes: Number.isFinite(length) ? length : 0,
        ...(script === undefined ? {} : { script }),
        ...(aborted ? { aborted } : {}),
        ...(refusal === undefined ? {} : { code: refusal.code }),
      },
      `${request.method} ${path} ${status} ${durationMs} ms${aborted ? (this.sendTimedOut ? ' (client took none of it for sendTimeout)' : ' (client went away)') : ''}${refusal === undefined ? '' : ` (refused by the HTTP parser: ${refusal.code})`}`,
    );
  }
}
