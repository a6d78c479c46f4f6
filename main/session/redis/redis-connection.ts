/**
 * The connection a Redis store makes for itself from a URL: how it fails fast and reconnects.
 */
import { createClient, type RedisClientType } from 'redis';
import { checkRedisUrl, redacted } from './redis-url.js';

/** Reconnect delay of an owned client: 50 ms doubling up to 1 s. */
export const reconnectDelay = (retries: number): number => Math.min(50 * 2 ** retries, 1000);

/**
 * Why a connection failed, in one line: OpenSSL's own reason for a TLS error (`tlsv13 alert
 * certificate required`), whose message is OpenSSL's whole error string with a file name, a line
 * number and a newline; otherwise the error's message.
 */
export function connectionFailure(error: Error): string {
  const { library, reason } = error as Error & { library?: unknown; reason?: unknown };
  if (typeof library === 'string' && typeof reason === 'string' && reason !== '') return reason;
  return error.message.trim();
}

/** Longest an owned client's socket takes to open before the attempt fails, ms. */
const CONNECT_TIMEOUT_MS = 2000;

/**
 * A connected (or connecting) client for `url` that rejects commands at once while disconnected
 * (no offline queue, so requests never hang on a dead Redis), keeps reconnecting, and reports
 * losing and regaining the connection to `log` once each.
 */
export function connectOwnedClient(
  url: string | undefined,
  log: ((line: string, level?: 'info' | 'warn') => void) | undefined,
): RedisClientType {
  const checked = checkRedisUrl('url', url);
  const client: RedisClientType = createClient({
    url: checked,
    disableOfflineQueue: true,
    // RESP 2 named explicitly makes the handshake start with `HELLO 2` (AUTH included), a command
    // whose failure fails the attempt: the client is ready only once Redis answered. Without it
    // node-redis's handshake is only commands whose errors it ignores, so a server that ends the
    // connection right after accepting it (a TLS server that wants a client certificate,
    // `tls-auth-clients yes`, Redis's default) made the client "ready" and then reconnect at once,
    // with no delay, in a loop that logged two lines per attempt.
    RESP: 2,
    socket: { reconnectStrategy: reconnectDelay, connectTimeout: CONNECT_TIMEOUT_MS },
    // No per-command timeout here: each one costs an AbortSignal (and a DOMException) per command.
    // RedisStore's StoreCallGuard bounds every store call with one timer instead, and fails fast
    // after a silent spell, so commands do not pile up behind a paused or partitioned Redis.
  });
  const where = redacted(new URL(checked));
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  client.on('error', (error: Error) => {
    const what =
      state === 'up'
        ? `connection to ${where} lost`
        : state === 'connecting'
          ? `cannot connect to ${where}`
          : undefined;
    if (what !== undefined)
      log?.(
        `redis: ${what} (${connectionFailure(error)}); retrying, and requests that need a session get 503 meanwhile`,
      );
    state = 'down';
  });
  let everUp = false;
  client.on('ready', () => {
    if (state === 'down') log?.(`redis: connected to ${where}${everUp ? ' again' : ''}`, 'info');
    state = 'up';
    everUp = true;
  });
  client.connect().catch(() => undefined);
  return client;
}

/** The first connection attempt of a client: settled when it connects, fails, or the store closes. */
export interface FirstAttempt {
  readonly settled: Promise<void>;
  /** True once `settled` is: calls need not wait for it any more. */
  readonly done: boolean;
  settle(): void;
}

export function firstConnectionAttempt(client: RedisClientType): FirstAttempt {
  let resolve!: () => void;
  const settled = new Promise<void>((resolveSettled) => (resolve = resolveSettled));
  const attempt = {
    settled,
    done: false,
    settle: () => {
      client.off('ready', attempt.settle);
      client.off('error', attempt.settle);
      attempt.done = true;
      resolve();
    },
  };
  client.on('ready', attempt.settle);
  client.on('error', attempt.settle);
  return attempt;
}

/**
 * Where an owned client's connection attempt is: opening its socket (from `connect()` or a
 * reconnect until `connect` or `error`), in its handshake (until `ready` or `error`), or neither.
 */
export class ConnectionPhase {
  #phase: 'opening' | 'handshaking' | 'idle' = 'opening';
  readonly #changes = new Set<() => void>();

  /** Watches `client`, whose `connect()` was just called. */
  constructor(client: RedisClientType) {
    client.on('reconnecting', () => this.#set('opening'));
    client.on('connect', () => this.#set('handshaking'));
    client.on('ready', () => this.#set('idle'));
    client.on('error', () => this.#set('idle'));
  }

  get current(): 'opening' | 'handshaking' | 'idle' {
    return this.#phase;
  }

  /** Resolves `true` at the next change of phase, or `false` after `ms`. */
  changed(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#changes.delete(done);
        resolve(false);
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#changes.add(done);
    });
  }

  #set(phase: 'opening' | 'handshaking' | 'idle'): void {
    this.#phase = phase;
    for (const done of this.#changes) done();
    this.#changes.clear();
  }
}

/**
 * Waits until `phase` has no connection attempt in flight, at most the connect timeout plus
 * `handshakeMs`, so that the client can then be closed or cut. node-redis cannot cut a connection
 * whose socket is still opening: `destroy()` then finds no socket, the socket opens anyway and
 * stays open, and Node never exits. An attempt gets its socket or fails within the connect
 * timeout; a handshake Redis does not answer is cut after `handshakeMs`.
 */
export async function attemptSettled(phase: ConnectionPhase, handshakeMs: number): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS + handshakeMs;
  while (phase.current !== 'idle') {
    const left = deadline - Date.now();
    if (left <= 0) return;
    const changed = await phase.changed(phase.current === 'opening' ? left : Math.min(left, handshakeMs));
    if (!changed && phase.current === 'handshaking') return;
  }
}
