/**
 * `createRuntime(options)`: the HTTP runtime that serves scripts under `/services/js/` with
 * sessions. Its `handler` works with `http.createServer(handler)` and as Connect/Express
 * middleware; `listen` starts a server; `close` shuts everything down gracefully.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestLimits } from '../../common/limits.js';
import type { ResultMessage } from '../../common/protocol.js';
import { type PoolStats, WorkerPool } from '../supervisor/pool.js';
import { CodedError } from '../../common/errors.js';
import type { SessionManager } from '../session/manager.js';
import { RequestSession } from '../session/request-session.js';
import { sendError } from './error-response.js';
import { codedErrorBody, failureBody } from './failure-body.js';
import { type ResolvedOptions, type RuntimeOptions, requestLimits, resolveOptions } from './options.js';
import { checkWorkerResult } from './result-checks.js';
import { isSecureRequest, requestSnapshot } from './request-snapshot.js';
import { httpClientService } from '../http-client/http-client-service.js';
import { readRequestBody } from '../upload/upload-body.js';
import { routeScript } from './routing.js';
import { ScriptLocator } from './script-locator.js';
import { createSessionManager, requestedSessionId, splitRequestPath, urlParameter } from './session-tracking.js';

/** Connect/Express-style continuation. */
export type NextFunction = (error?: unknown) => void;

export interface Runtime {
  /** Request handler: `http.createServer(runtime.handler)` or `app.use(runtime.handler)`. */
  handler: (request: IncomingMessage, response: ServerResponse, next?: NextFunction) => void;
  /** The session manager (host-side sessions, store, sweep, `addListener`). */
  sessions: SessionManager;
  /** Starts an HTTP server; port 0 picks a free one. Defaults: port 8080, host 127.0.0.1. */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Resolves once every sandbox worker has started; rejects (`ERR_NO_WORKER`) when they keep crashing. */
  ready(): Promise<void>;
  /** A snapshot of the sandbox worker pool: workers, busy, queued, restarts, crash loop. */
  stats(): PoolStats;
  /** Stops accepting requests, finishes those in flight, stops workers, timers and the store. */
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
  const sessions = createSessionManager(settings);
  const limits = requestLimits(settings);
  const pool = new WorkerPool({ ...settings, limits, log: settings.log, hostCalls: httpClientService(settings) });
  const parts: RuntimeParts = {
    settings,
    sessions,
    pool,
    scripts: new ScriptLocator(settings.root),
    limits,
    urlParameter: urlParameter(settings),
  };
  let server: http.Server | undefined;
  /** The requests being served; `close` waits for them. */
  const inFlight = new Set<Promise<void>>();
  let closing: Promise<void> | undefined;

  const handler = (request: IncomingMessage, response: ServerResponse, next?: NextFunction): void => {
    const { path: urlPath, urlSessionId } = splitRequestPath(request.url, settings);
    const route = routeScript(urlPath);
    if (route === undefined && next !== undefined && !urlPath.startsWith('/services/js/')) {
      next();
      return;
    }
    const served = serve(parts, request, response, route, urlSessionId, closing !== undefined)
      .catch((error: unknown) => sendError(response, errorBody(error, settings)))
      .finally(() => inFlight.delete(served));
    inFlight.add(served);
  };

  return {
    handler,
    sessions,
    async listen(port = 8080, host = '127.0.0.1') {
      server = http.createServer((request, response) => handler(request, response));
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${shownHost}:${address.port}`, port: address.port };
    },
    ready: () => pool.ready(),
    stats: () => pool.stats(),
    close() {
      closing ??= (async () => {
        const stopped =
          server === undefined ? Promise.resolve() : new Promise<void>((resolve) => server?.close(() => resolve()));
        server?.closeIdleConnections();
        while (inFlight.size > 0) await Promise.allSettled(inFlight);
        server?.closeIdleConnections();
        await stopped;
        await pool.close();
        await sessions.close();
      })();
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
  /** The session path parameter of rewritten URLs, or `null` when URL rewriting is off. */
  urlParameter: string | null;
}

async function serve(
  { settings, sessions, pool, scripts, limits, urlParameter }: RuntimeParts,
  request: IncomingMessage,
  response: ServerResponse,
  route: ReturnType<typeof routeScript>,
  urlSessionId: string | undefined,
  shuttingDown: boolean,
): Promise<void> {
  const found = route === undefined ? undefined : scripts.find(route.script);
  if (route === undefined || found === undefined) {
    request.resume();
    sendError(response, {
      status: 404,
      error: 'Not Found',
      code: 'ERR_SCRIPT_NOT_FOUND',
      message: 'no script at this path',
    });
    return;
  }
  if (shuttingDown) throw new CodedError('ERR_SHUTTING_DOWN', 'the server is shutting down', 503);
  const { body, upload } = await readRequestBody(request, settings);
  const time = sessions.clock.now();
  const secure = isSecureRequest(request, settings.trustProxy);
  const requested = requestedSessionId(request, urlSessionId, settings);
  const session = await RequestSession.open(sessions, settings.cookie, { requestedId: requested.id, time, secure });
  try {
    const record = session.snapshot();
    const result = await pool.run({
      script: route.script,
      mtimeMs: found.mtimeMs,
      request: {
        ...requestSnapshot(request, route, body, time, secure, requested.fromCookie),
        ...(upload && { upload }),
      },
      session: record,
      settings: await session.settings(urlParameter),
    });
    checkWorkerResult(result, () => record?.attributes ?? [], limits);
    const cookies = await session.close(result.sessionOps);
    send(response, result, cookies, settings);
  } finally {
    session.release();
  }
}

function send(
  response: ServerResponse,
  result: ResultMessage,
  cookies: Array<[string, string]>,
  settings: ResolvedOptions,
): void {
  const failure = result.failure;
  if (failure !== undefined) {
    sendError(response, failureBody(failure, settings), cookies);
    return;
  }
  const { status, headers, body } = result.response;
  response.statusCode = status;
  for (const [name, value] of headers) response.appendHeader(name, value);
  for (const [name, value] of cookies) response.appendHeader(name, value);
  if (!response.hasHeader('content-type') && body.length > 0)
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', body.length);
  response.end(body);
}

function errorBody(error: unknown, settings: ResolvedOptions) {
  if (error instanceof CodedError) return codedErrorBody(error);
  settings.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { status: 500, error: 'Error', code: 'ERR_INTERNAL', message: 'internal server error' };
}
