/**
 * The runtime's Prometheus metrics, through `prom-client`, in a registry of its own (several
 * runtimes in one process do not mix): requests by status class and script, latency, script
 * failures by code, failed Basic logins by reason, sessions (active, created, expired, invalidated), worker restarts, run queue
 * depth, and Node's default process metrics, event-loop lag among them.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ERROR_CODES } from '../../common/error-codes.js';
import type { SessionManager } from '../session/manager.js';
import type { WorkerPool } from '../supervisor/pool.js';
import { LOGIN_FAILURE_REASONS, type LoginFailureReason } from '../server/login-failure-reasons.js';
import { HANDSHAKE_FAILURE_REASONS, type HandshakeFailureReason } from '../server/tls-failure-reasons.js';
import { sessionCountingListener } from './session-counters.js';

/** Label of requests no script ran for: a 404, or one refused before its run (401, 403, 413, no session …). */
export const NO_SCRIPT = '(none)';

/** The code logged and counted for a script's uncaught error that carries none. */
export const UNCODED_SCRIPT_ERROR = 'ERR_SCRIPT';

/**
 * Most distinct codes of scripts' own errors that get a label of their own. A label value lives as
 * long as the process, and a script picks its codes freely (one per request, if it likes): past
 * these, further codes of scripts count as `ERR_SCRIPT`. The package's own codes always count as
 * they are.
 */
export const MAX_SCRIPT_CODES = 100;

/** A code of a script's error that may be a label: a short word, as codes are (`OUT_OF_STOCK`). */
const SCRIPT_CODE = /^[A-Za-z][\w.-]{0,63}$/;

/**
 * A counter labelled by `reason`, one of `reasons`, every one of them from 0: a rate over a series
 * that appears with its first failure misses that one.
 */
function reasonCounter(
  name: string,
  help: string,
  reasons: readonly string[],
  registers: Registry[],
): Counter<'reason'> {
  const counter = new Counter({ name, help, labelNames: ['reason'], registers });
  for (const reason of reasons) counter.inc({ reason }, 0);
  return counter;
}

export class RuntimeMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'status_class' | 'script'>;
  readonly #duration: Histogram<'status_class'>;
  readonly #failures: Counter<'code'>;
  readonly #loginFailures: Counter<'reason'>;
  readonly #tlsHandshakeFailures: Counter<'reason'>;
  /** The codes of scripts' own errors labelled so far (at most `MAX_SCRIPT_CODES`). */
  readonly #scriptCodes = new Set<string>();

  constructor(sessions: SessionManager, pool: WorkerPool) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'dirigible_' });
    this.#requests = new Counter({
      name: 'dirigible_http_requests_total',
      help: 'Requests answered, by status class (2xx …) and the script that ran ((none) when none did)',
      labelNames: ['status_class', 'script'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'dirigible_http_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response',
      labelNames: ['status_class'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#failures = new Counter({
      name: 'dirigible_script_failures_total',
      help: 'Script runs that failed, by error code',
      labelNames: ['code'],
      registers,
    });
    this.#loginFailures = reasonCounter(
      'dirigible_login_failures_total',
      'HTTP Basic logins of the users file refused, by reason (unknown_user, wrong_password, malformed, locked)',
      LOGIN_FAILURE_REASONS,
      registers,
    );
    this.#tlsHandshakeFailures = reasonCounter(
      'dirigible_tls_handshake_failures_total',
      'TLS handshakes of the HTTPS server that failed, by reason (plain_http, alert, protocol, timeout, closed)',
      HANDSHAKE_FAILURE_REASONS,
      registers,
    );
    const prefix = sessions.storeKey('');
    new Gauge({
      name: 'dirigible_sessions_active',
      help: 'Sessions of this application in the store, expired ones no sweep removed yet included (counted at scrape; on Redis a SCAN; NaN when the store cannot count them)',
      registers,
      async collect() {
        if (sessions.store.count === undefined) return;
        // The store's count, not admin.count(): leaving the expired out reads every session's times
        // (on Redis a command per session), too much for every scrape; the sweep removes them soon.
        // An unreachable store reports NaN (unknown), never the last count it gave.
        this.set(await sessions.store.count(prefix).catch(() => Number.NaN));
      },
    });
    const counted = (name: string, help: string) => new Counter({ name, help, registers });
    sessions.addListener(
      sessionCountingListener(sessions, {
        created: counted('dirigible_sessions_created_total', 'Sessions created by this process'),
        expired: counted('dirigible_sessions_expired_total', 'Sessions this process removed past their timeout'),
        invalidated: counted('dirigible_sessions_invalidated_total', 'Sessions invalidated through this process'),
      }),
    );
    new Gauge({
      name: 'dirigible_worker_restarts',
      help: 'Sandbox workers started to replace one that stopped',
      registers,
      collect() {
        this.set(pool.stats().restarts);
      },
    });
    new Gauge({
      name: 'dirigible_run_queue_depth',
      help: 'Script runs waiting for a sandbox worker',
      registers,
      collect() {
        this.set(pool.stats().queued);
      },
    });
    new Gauge({
      name: 'dirigible_workers_ready',
      help: 'Sandbox workers ready to run scripts',
      registers,
      collect() {
        this.set(pool.stats().ready);
      },
    });
  }

  /** Counts an answered request. */
  request(status: number, script: string, seconds: number): void {
    const statusClass = `${Math.floor(status / 100)}xx`;
    this.#requests.inc({ status_class: statusClass, script });
    this.#duration.observe({ status_class: statusClass }, seconds);
  }

  /** Counts a failed run, under its code (see `MAX_SCRIPT_CODES` for the codes of scripts' own errors). */
  failure(code: string): void {
    this.#failures.inc({ code: this.#codeLabel(code) });
  }

  /** Counts a failed HTTP Basic login under its reason. */
  loginFailure(reason: LoginFailureReason): void {
    this.#loginFailures.inc({ reason });
  }

  /** Counts a failed TLS handshake under its reason. */
  tlsHandshakeFailure(reason: HandshakeFailureReason): void {
    this.#tlsHandshakeFailures.inc({ reason });
  }

  #codeLabel(code: string): string {
    if (code === UNCODED_SCRIPT_ERROR || ERROR_CODES.has(code) || this.#scriptCodes.has(code)) return code;
    if (this.#scriptCodes.size >= MAX_SCRIPT_CODES || !SCRIPT_CODE.test(code)) return UNCODED_SCRIPT_ERROR;
    this.#scriptCodes.add(code);
    return code;
  }

  /** The Prometheus text exposition and its content type. */
  async exposition(): Promise<{ text: string; contentType: string }> {
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
