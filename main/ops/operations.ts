/**
 * The operator's side of a runtime: its logger, its metrics (when a metrics path is set), the
 * probe and metrics endpoints, and the log of each request. `createRuntime` makes one and calls
 * it from a few hook lines.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HandshakeFailureReason } from '../server/tls-failure-reasons.js';
import type { SessionManager } from '../session/manager.js';
import type { WorkerPool } from '../supervisor/pool.js';
import { readiness } from './health.js';
import { createLogger, type Logger } from './logger.js';
import { RuntimeMetrics } from './metrics.js';
import { type OpsOptions, type ResolvedOpsOptions, resolveOpsOptions } from './ops-options.js';
import { REQUEST_ID_HEADER, RequestLog, requestId } from './request-log.js';

export class Operations {
  readonly logger: Logger;
  readonly settings: ResolvedOpsOptions;
  readonly #development: boolean;
  #metrics: RuntimeMetrics | undefined;
  #watched: { sessions: SessionManager; pool: WorkerPool } | undefined;

  /** Checks the operations options (throws `ERR_INVALID_OPTION`) and makes the logger. */
  constructor(options: OpsOptions, development: boolean) {
    this.settings = resolveOpsOptions(options);
    this.logger = createLogger(options);
    this.#development = development;
  }

  /** Starts watching the runtime's sessions and workers (for metrics and readiness). */
  watch(sessions: SessionManager, pool: WorkerPool): void {
    this.#watched = { sessions, pool };
    if (this.settings.paths.metrics !== undefined) this.#metrics = new RuntimeMetrics(sessions, pool);
  }

  /** True when `path` is the metrics or a probe path. */
  handles(path: string): boolean {
    const { metrics, liveness, readiness } = this.settings.paths;
    return path === metrics || path === liveness || path === readiness;
  }

  /**
   * Answers the metrics or probe request at `path` (see `handles`), with its `X-Request-Id` as every
   * response: a GET or HEAD; any other method gets 405 with `Allow: GET, HEAD`.
   */
  async answer(path: string, request: IncomingMessage, response: ServerResponse, closing: boolean): Promise<void> {
    const { metrics, liveness } = this.settings.paths;
    response.setHeader(REQUEST_ID_HEADER, requestId(request));
    // Read-only resources: another method (a POST, a DELETE) is refused, not answered as a GET.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    try {
      if (path === metrics && this.#metrics !== undefined) {
        const { text, contentType } = await this.#metrics.exposition();
        send(response, 200, contentType, text);
      } else if (path === liveness) {
        send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ status: 'ok' }));
      } else if (this.#watched !== undefined) {
        const report = await readiness(this.#watched.sessions, this.#watched.pool, closing);
        send(response, report.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify(report));
      }
    } catch (error) {
      this.logger.error({ component: 'ops', err: String(error) }, `cannot answer ${path}: ${String(error)}`);
      send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
    }
  }

  /** Counts a failed TLS handshake of the server `listen` started (when metrics are on). */
  tlsHandshakeFailed(reason: HandshakeFailureReason): void {
    this.#metrics?.tlsHandshakeFailure(reason);
  }

  /**
   * The log of a request that is about to be served.
   * @param path the request's path as routed: no query, no `;jsessionid=` (a session id is a bearer secret)
   */
  observe(request: IncomingMessage, response: ServerResponse, path: string): RequestLog {
    return new RequestLog(this.logger, this.#metrics, this.#development, request, response, path);
  }
}

function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  const body = Buffer.from(text);
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Length', body.length);
  response.setHeader('Cache-Control', 'no-store');
  response.end(body);
}
