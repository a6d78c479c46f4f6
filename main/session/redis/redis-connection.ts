/**
 * The connection a Redis store makes for itself from a URL: how it fails fast and reconnects.
 */
import { createClient, type RedisClientType } from 'redis';
import { checkRedisUrl } from './redis-url.js';

/** Reconnect delay of an owned client: 50 ms doubling up to 1 s. */
export const reconnectDelay = (retries: number): number => Math.min(50 * 2 ** retries, 1000);

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
    socket: { reconnectStrategy: reconnectDelay, connectTimeout: 2000 },
    // No per-command timeout here: each one costs an AbortSignal (and a DOMException) per command.
    // RedisStore's StoreCallGuard bounds every store call with one timer instead, and fails fast
    // after a silent spell, so commands do not pile up behind a paused or partitioned Redis.
  });
  const where = redactedUrl(checked);
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  client.on('error', (error: Error) => {
    const what =
      state === 'up'
        ? `connection to ${where} lost`
        : state === 'connecting'
          ? `cannot connect to ${where}`
          : undefined;
    if (what !== undefined)
      log?.(`redis: ${what} (${error.message}); retrying, and requests that need a session get 503 meanwhile`);
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

/** The URL without its password, for log lines. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
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
