/**
 * `createRuntime(options)`: the HTTP runtime that serves scripts under `/services/js/` with
 * sessions. Its `handler` works with `http.createServer(handler)` and as Connect/Express
 * middleware; `listen` starts a server; `close` shuts everything down gracefully.
 */
import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RequestLimits } from '../../common/limits.js';
import type { ResultMessage } from '../../common/protocol.js';
import { type PoolStats, WorkerPool } from '../supervisor/pool.js';
import { isScriptPath } from '../../common/mount-point.js';
import { checkedConsoleLines } from '../../common/console-lines.js';
import { lineSink } from '../ops/logger.js';
import { Operations } from '../ops/operations.js';
import type { RequestLog } from '../ops/request-log.js';
import {
  CodedError,
  InternalError,
  NoWorkerError,
  ScriptNotFoundError,
  ShuttingDownError,
} from '../../common/errors.js';
import type { SessionManager } from '../session/manager.js';
import { RequestSession, type SessionLocking } from '../session/request-session.js';
import { type ErrorBody, sendError } from './error-response.js';
import { EMPTY_BODY, hasNoBody, writeResponseHead } from './response-head.js';
import { closingAwareResponse } from './runtime-response.js';
import { connectionTurn } from './connection-turn.js';
import { answerClientErrors } from './client-errors.js';
import { awaitContinue } from './expect-continue.js';
import { HeldResponseBytes } from './held-bytes.js';
import { createSessionLocking, lockingWithin } from './session-locking.js';
import { DeferredSessions } from './deferred-sessions.js';
import { ScriptUse } from './script-use.js';
import { isPromise } from '../../common/maybe-promise.js';
import { answerRequestCalls } from '../supervisor/request-calls.js';
import { boundedShutdown, closeIdleSockets, trackSockets } from './shutdown.js';
import { codedErrorBody, failureBody } from './failure-body.js';
import { type ResolvedOptions, type RuntimeOptions, requestLimits, resolveOptions } from './options.js';
import { checkWorkerResult } from './result-checks.js';
import { isLargeResult } from './large-result.js';
import { isSecureRequest, requestSnapshot } from './request-snapshot.js';
import { readForwarded } from './forwarded.js';
import type { RequestUser } from '../../common/snapshot.js';
import { admitMissingScript, admitRequest } from './request-guard.js';
import { openScriptSession } from './script-session.js';
import { failureHeaders } from './send-failure.js';
import { httpClientService } from '../http-client/http-client-service.js';
import { ConnectionPool } from '../http-client/connection-pool.js';
import { readRequestBody } from '../upload/upload-body.js';
import type { UploadOptions } from '../upload/upload-options.js';
import { type BodyLimits, discardBody } from './request-body.js';
import { RecentRoutes } from './routing.js';
import { ScriptLocator } from './script-locator.js';
import { createSessionManager, requestedSessionId, splitRequestPath, urlParameter } from './session-tracking.js';
import { WatchedCertificates } from './tls-certificates.js';
import { systemClock } from '../session/clock.js';
import { createListeningServer, type HttpsSetup, schemeOf } from './tls-server.js';

/** Bodies up to this many bytes are written together with the headers (see `send`). */
const SMALL_BODY_BYTES = 16 * 1024;

/** Connect/Express-style continuation. */
export type NextFunction = (error?: unknown) => void;

export interface Runtime {
  /** Request handler: `http.createServer(runtime.handler)` or `app.use(runtime.handler)`. */
  handler: (request: IncomingMessage, response: ServerResponse, next?: NextFunction) => void;
  /** The session manager (host-side sessions, store, sweep, `addListener`). */
  sessions: SessionManager;
  /**
   * Starts an HTTP server (HTTPS with the options `tlsCert` and `tlsKey`, and an `https://` URL);
   * port 0 picks a free one. Defaults: port 8080, host 127.0.0.1. Rejects with `ERR_SHUTTING_DOWN`
   * once `close()` was called (also while it starts): no server is left.
   */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /**
   * Resolves once every sandbox worker has started; rejects (`ERR_NO_WORKER`) when they keep
   * crashing, and once `close()` was called (also while it waits).
   */
  ready(): Promise<void>;
  /** A snapshot of the sandbox worker pool: workers, busy, queued, restarts, crash loop. */
  stats(): PoolStats;
  /**
   * Stops accepting requests, finishes those in flight, stops workers, timers and the store. The
   * responses of the requests in flight on the server `listen` started, and of any request that
   * still arrives (on that server or through `handler`), carry `Connection: close`, and their
   * connections end after them.
   */
  close(): Promise<void>;
}

/**
 * Creates a runtime. Options are checked here: a bad one throws `ERR_INVALID_OPTION`.
 * @example
 * const runtime = createRuntime({ root: './scripts' });
 * const { url } = await runtime.listen(8080);
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const settings = resolveOptions(options);
  const ops = new Operations(options, settings.development);
  /** HTTPS: its certificate pair, read again when renewed on disk (tls-certificates.ts), and handshake limit. */
  const https: HttpsSetup | undefined =
    settings.tls === undefined
      ? undefined
      : {
          certificates: new WatchedCertificates(
            settings.tls,
            settings.clock ?? systemClock,
            lineSink(ops.logger, 'tls'),
          ),
          handshakeTimeout: settings.tls.handshakeTimeout,
          logger: ops.logger,
          counted: (reason) => ops.tlsHandshakeFailed(reason),
        };
  const sessions = createSessionManager(settings, lineSink(ops.logger, 'sessions'));
  const limits = requestLimits(settings, ops.settings);
  const deferred = new DeferredSessions();
  /** The HTTP client's kept-alive connections; `close` closes them. */
  const connections = new ConnectionPool();
  const pool = new WorkerPool({
    ...settings,
    limits,
    log: lineSink(ops.logger, 'supervisor'),
    hostCalls: answerRequestCalls(deferred.hostCalls(httpClientService(settings, connections))),
  });
  ops.watch(sessions, pool);
  const parts: RuntimeParts = {
    settings,
    sessions,
    pool,
    scripts: new ScriptLocator(settings.root),
    held: new HeldResponseBytes(settings.maxBufferedBytes, settings.sendTimeout),
    locking: createSessionLocking(settings, sessions),
    limits,
    bodyLimits: {
      maxBodySize: settings.maxBodySize,
      bodyTimeout: settings.embedding.bodyTimeout,
      uploadMaxFileSize: settings.uploadMaxFileSize,
      uploadMaxFiles: settings.uploadMaxFiles,
      uploadMaxSize: settings.uploadMaxSize,
    },
    urlParameter: urlParameter(settings),
    sessionUse: new ScriptUse(),
    requestUse: new ScriptUse(),
    deferred,
  };
  /** The servers `listen` started; `close` closes them all. */
  const servers = new Set<http.Server>();
  /** The requests being served; `close` waits for them. */
  const inFlight = new Set<Promise<void>>();
  /** The own server's responses: those whose head goes out once `close` was called close their connection. */
  const ServerResponseClass = closingAwareResponse(() => closing !== undefined);
  let closing: Promise<void> | undefined;
  /** Rejects with `ERR_NO_WORKER` as soon as `close` is called, for `ready`. */
  let startShutdown = (): void => undefined;
  const shutdownStarted = new Promise<never>((_, reject) => {
    startShutdown = () => reject(new NoWorkerError('the server is shutting down'));
  });
  shutdownStarted.catch(() => undefined);
  /** The connections of the server `listen` started, cut off when a shutdown passes its timeout. */
  const sockets = new Set<Socket>();

  const routes = new RecentRoutes();

  const handler = (request: IncomingMessage, response: ServerResponse, next?: NextFunction): void => {
    // During a shutdown the client is told to close its connection: it must not send another request on it.
    if (closing !== undefined) response.shouldKeepAlive = false;
    const { path: urlPath, urlSessionId } = splitRequestPath(request.url, settings);
    if (ops.handles(urlPath)) {
      // In turn like every request (connection-turn.ts): a metrics answer is thousands of times
      // the size of its request, and pipelined ones would otherwise all be answered into memory.
      // Their bodies are never read: one may drain within the body limits, as a 404's does.
      const answer = (): Promise<void> => {
        discardBody(request, response, parts.bodyLimits);
        return ops.answer(urlPath, request, response, closing !== undefined);
      };
      const turn = connectionTurn(request, response);
      if (turn === true) void answer();
      else
        void turn.then((mine) => {
          if (mine) return answer();
          request.resume();
          return undefined;
        });
      return;
    }
    const route = routes.route(urlPath);
    if (route === undefined && next !== undefined && !isScriptPath(urlPath)) {
      next();
      return;
    }
    // What a trusted proxy says of the request, read before the log names its client.
    if (settings.trustProxy !== undefined) readForwarded(request, settings.trustProxy, settings.trustForwardedHost);
    const log = ops.observe(request, response, urlPath);
    const done = (): void => {
      inFlight.delete(served);
    };
    const failed = (error: unknown): void => {
      try {
        sendLoggedError(response, log, errorBody(error, log, ops), failureHeaders(error));
      } finally {
        done();
      }
    };
    // The requests of one connection are served one after another (connection-turn.ts); a request
    // that is not pipelined has its turn at once. One promise per request, not two (`catch` and
    // then `finally`).
    const turn = connectionTurn(request, response);
    const served: Promise<void> =
      turn === true
        ? serve(parts, request, response, route, urlSessionId, closing !== undefined, log).then(done, failed)
        : turn
            .then((mine) => {
              if (mine) return serve(parts, request, response, route, urlSessionId, closing !== undefined, log);
              // The client went away before this request's turn: nothing runs, and nobody is left to answer.
              request.resume();
              log.connectionClosed();
              return undefined;
            })
            .then(done, failed);
    inFlight.add(served);
  };

  return {
    handler,
    sessions,
    async listen(port = 8080, host = '127.0.0.1') {
      if (closing !== undefined) throw new ShuttingDownError();
      const server = createListeningServer(https, { ServerResponse: ServerResponseClass }, (request, response) =>
        handler(request, response),
      );
      servers.add(server);
      trackSockets(server, sockets);
      answerClientErrors(server, ops.logger);
      // `100 Continue` only once the body is wanted (expect-continue.ts).
      server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
        awaitContinue(request);
        handler(request, response);
      });
      await new Promise<void>((resolve, reject) => {
        // close() called before the server listens closes it: it never will.
        const closed = () => reject(new ShuttingDownError());
        server.once('close', closed);
        server.once('error', (error) => {
          servers.delete(server);
          reject(error);
        });
        server.listen(port, host, () => {
          server.off('close', closed);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `${schemeOf(server)}://${shownHost}:${address.port}`, port: address.port };
    },
    // Once close() is called no worker is awaited any more: the pool closes only after the requests in flight.
    ready: () => Promise.race([shutdownStarted, pool.ready()]),
    stats: () => pool.stats(),
    close() {
      if (closing !== undefined) return closing;
      startShutdown();
      const log = lineSink(ops.logger, 'runtime');
      log(`shutting down; requests in flight: ${inFlight.size}`, 'info');
      const graceful = async () => {
        const stopped = Promise.all(
          [...servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
        );
        closeIdleSockets(servers, sockets);
        while (inFlight.size > 0) await Promise.allSettled(inFlight);
        closeIdleSockets(servers, sockets);
        await stopped;
        await pool.close();
        await connections.close();
        await sessions.close();
        log('stopped', 'info');
      };
      closing = boundedShutdown(graceful, settings.shutdownTimeout, () => {
        log(`shutdown did not finish within ${settings.shutdownTimeout} ms (shutdownTimeout); cut off`, 'error');
        for (const server of servers) server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        pool.terminate();
        void connections.close();
        void sessions.close().catch(() => undefined);
      });
      return closing;
    },
  };
}

/** What `serve` needs of its runtime, made once in `createRuntime`. */
interface RuntimeParts {
  settings: ResolvedOptions;
  sessions: SessionManager;
  pool: WorkerPool;
  scripts: ScriptLocator;
  limits: RequestLimits;
  /** How large and how slow a request body may be, uploads included: made once, read per request. */
  bodyLimits: Required<UploadOptions> & BodyLimits;
  /** The session path parameter of rewritten URLs, or `null` when URL rewriting is off. */
  urlParameter: string | null;
  /** Response bytes held for clients that have not read them yet. */
  held: HeldResponseBytes;
  /** The session lock (option `sessionLock`), or `undefined`. */
  locking: SessionLocking | undefined;
  /** Which scripts used the session on their last run: theirs is loaded before the run. */
  sessionUse: ScriptUse;
  /** Which scripts read the request on their last run: theirs goes with the run. */
  requestUse: ScriptUse;
  /** The sessions of runs started without them, loaded only if the script asks. */
  deferred: DeferredSessions;
}

async function serve(
  {
    settings,
    sessions,
    pool,
    scripts,
    limits,
    bodyLimits,
    urlParameter,
    held,
    locking,
    sessionUse,
    requestUse,
    deferred,
  }: RuntimeParts,
  request: IncomingMessage,
  response: ServerResponse,
  route: ReturnType<RecentRoutes['route']>,
  urlSessionId: string | undefined,
  shuttingDown: boolean,
  log: RequestLog,
): Promise<void> {
  const found = route === undefined ? undefined : scripts.find(route.script);
  log.script = found === undefined ? undefined : route?.script;
  log.scriptFile = found?.canonical;
  if (route === undefined || found === undefined) {
    try {
      const admitted =
        route === undefined
          ? undefined
          : admitMissingScript(request, route.script, settings.embedding, settings.applicationName ?? 'scripts');
      if (isPromise(admitted)) await admitted;
    } finally {
      discardBody(request, response, bodyLimits);
    }
    sendLoggedError(response, log, codedErrorBody(new ScriptNotFoundError()));
    return;
  }
  if (shuttingDown) throw new ShuttingDownError();
  // Steps that may answer at once are awaited only when they did not: an await costs a microtask.
  let user: RequestUser | undefined;
  try {
    const admitted = admitRequest(
      request,
      { requested: route.script, canonical: found.canonical },
      settings.embedding,
      settings.applicationName ?? 'scripts',
    );
    user = isPromise(admitted) ? await admitted : admitted;
  } catch (error) {
    // Refused (403, 401) before its body was read: the body may drain, within the body limits.
    discardBody(request, response, bodyLimits);
    throw error;
  }
  const read = readRequestBody(request, response, bodyLimits);
  const { body, upload } = isPromise(read) ? await read : read;
  const time = sessions.clock.now();
  const secure = isSecureRequest(request);
  const requested = requestedSessionId(request, urlSessionId, settings);
  const script = found.script ?? route.script;
  const open = (maxLockWaitMs: number) =>
    openScriptSession(request, settings.embedding.expressSession, time, () =>
      RequestSession.open(
        sessions,
        settings.cookie,
        { requestedId: requested.id, requestedIds: requested.ids, time, secure, user: user?.name },
        lockingWithin(locking, maxLockWaitMs),
      ),
    );
  // A script whose last run used the session has it loaded now; any other loads it only if it asks.
  // With `sessionLock`, so does a script that has not run here yet, for a request naming a session:
  // one that asks during its run waits for the lock in its worker, and a page's burst of first
  // requests would fill the workers with runs waiting for a lock whose holder is queued behind them.
  const opened =
    sessionUse.uses(script) || (locking !== undefined && requested.id !== undefined && sessionUse.unknown(script))
      ? open(Number.POSITIVE_INFINITY)
      : deferred.defer(open);
  const session = isPromise(opened) ? await opened : opened;
  try {
    const record = session.snapshot();
    const sessionSettings = session.settings(urlParameter);
    const run = {
      script,
      mtimeMs: found.mtimeMs,
      request: requestSnapshot(request, route, { body, upload, user, time, secure, cookieSent: requested.fromCookie }),
      requestDeferred: !requestUse.uses(script),
      session: record,
      settings: isPromise(sessionSettings) ? await sessionSettings : sessionSettings,
    };
    // From here on the script counts as run, in the access line and the metrics (docs/operations.md).
    log.ran = true;
    const result = await pool.run(run);
    if (isLargeResult(result)) await nextTurn();
    sessionUse.learn(script, result.sessionUsed === true);
    requestUse.learn(script, result.requestUsed === true);
    // Held for a client that does not read: the body and the headers (a script may set 64 KiB of
    // them with no body at all).
    const heldBytes = checkWorkerResult(result, () => (record ?? session.snapshot())?.attributes ?? [], limits);
    held.reserve(heldBytes);
    try {
      log.console(checkedConsoleLines(result.console, limits));
      const closed = session.close(result.sessionOps);
      const cookies = isPromise(closed) ? await closed : closed;
      send(response, result, cookies, settings, log);
    } finally {
      held.releaseWhenSent(response, heldBytes, log);
    }
  } finally {
    session.release();
  }
}

function send(
  response: ServerResponse,
  result: ResultMessage,
  cookies: Array<[string, string]>,
  settings: ResolvedOptions,
  log: RequestLog,
): void {
  const failure = result.failure;
  if (failure !== undefined) {
    const body = failureBody(failure, settings.development);
    log.failed({
      code: body.code,
      message: body.message,
      ...(failure.stack === undefined ? {} : { stack: failure.stack }),
    });
    sendLoggedError(response, log, body, cookies);
    return;
  }
  const { status, headers } = result.response;
  // A 204 or 304 has no body, whatever the script printed (RFC 9110 §6.4.1): none is counted or framed.
  const body = hasNoBody(status) ? EMPTY_BODY : result.response.body;
  writeResponseHead(response, { status, headers, cookies, bodyLength: body.length, requestId: log.id });
  log.bodyBytes = body.length;
  // A small body goes out as latin1 text (one byte per character, so the bytes are unchanged): Node
  // then joins it to the header block and writes once, where a buffer takes a vectored write.
  if (body.length <= SMALL_BODY_BYTES)
    response.end(Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1'), 'latin1');
  else response.end(body);
}

/**
 * An error response carrying the request's `X-Request-Id`, as every response does (the runtime's
 * own responses get it only as their head is written: see response-head.ts).
 */
function sendLoggedError(
  response: ServerResponse,
  log: RequestLog,
  body: ErrorBody,
  extraHeaders?: Array<[string, string]>,
): void {
  log.stamp(response);
  sendError(response, body, extraHeaders);
}

function errorBody(error: unknown, log: RequestLog, ops: Operations) {
  if (error instanceof CodedError) {
    if (error.status >= 500 && error.logged !== true) {
      const message = error.logDetail === undefined ? error.message : `${error.message}: ${error.logDetail}`;
      log.failed({ code: error.code, message });
    }
    return codedErrorBody(error);
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ops.logger.error({ reqId: log.id, err: detail }, `internal error: ${detail}`);
  return codedErrorBody(new InternalError());
}
