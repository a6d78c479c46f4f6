/**
 * The Sentinel client a Redis store makes for itself (`redisSentinel`): node-redis's
 * `createSentinel`, which asks the sentinels for the master, sends every command there, and, when
 * the sentinels promote a replica (their `switch-master`, or the master's connection lost), asks
 * again and moves to the new master. Commands sent meanwhile wait for it; the store's call guard
 * fails them after `storeTimeout` with `ERR_STORE_UNAVAILABLE`.
 */
import { createSentinel, type RedisSentinelType } from 'redis';
import { connectionFailure, reconnectDelay } from './redis-connection.js';
import type { RedisConnection } from './redis-nodes.js';
import type { SentinelClientOptions } from './redis-sentinel-options.js';

/** Longest a socket to a sentinel or a master takes to open before the attempt fails, ms. */
const CONNECT_TIMEOUT_MS = 2000;
/** The failure node-redis's Sentinel client takes for "no master yet", and does not print. */
const NO_MASTER = 'no valid master node';
/** Pause before a new first connection after node-redis gave up finding a master, ms. */
const RETRY_MS = 1000;

type Log = (line: string, level?: 'info' | 'warn') => void;

/** An owned Sentinel client: the connection the store uses, why it cannot reach Redis, and its close. */
export class OwnedSentinel {
  readonly client: RedisConnection;
  readonly #sentinel: RedisSentinelType;
  readonly #where: string;
  #error: string | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(options: SentinelClientOptions, log: Log | undefined) {
    const { name, sentinelRootNodes, node } = options;
    const tls = node.tls ? { tls: true as const } : {};
    const { tls: _tls, ...login } = node;
    this.#sentinel = createSentinel({
      name,
      sentinelRootNodes,
      RESP: 2,
      nodeClientOptions: {
        ...login,
        // No offline queue: a command to a master that went away fails rather than waits, and
        // node-redis's Sentinel client then asks the sentinels where the master is now.
        disableOfflineQueue: true,
        // Once closing, a master connection still trying (a password the master refuses, a master
        // that does not answer) gives up: node-redis's close and destroy wait for it first.
        socket: { ...tls, connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => this.#retryIn(retries) },
      },
      sentinelClientOptions: { socket: { ...tls, connectTimeout: CONNECT_TIMEOUT_MS } },
      passthroughClientErrorEvents: true,
    }) as unknown as RedisSentinelType;
    this.client = this.#sentinel as unknown as RedisConnection;
    this.#where = `master set ${name} (sentinels ${sentinelRootNodes.map(({ host, port }) => `${host}:${port}`).join(',')})`;
    let state: 'connecting' | 'up' | 'down' = 'connecting';
    // With `passthroughClientErrorEvents`, a master connection's failure comes as an `error` whose
    // message starts with `Master Client (host:port)` and whose cause is the connection's error
    // (node-redis's own `client-error` event stays on its internal object).
    this.#sentinel.on('error', (error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
      const master = error instanceof Error && error.message.startsWith('Master Client (');
      this.#error =
        cause !== undefined
          ? connectionFailure(cause)
          : error instanceof Error
            ? connectionFailure(error)
            : String(error);
      if (!master) return;
      if (state === 'up')
        log?.(
          `redis: ${this.#where}: connection to the master lost (${this.#error}); asking the sentinels, and requests that need a session get 503 meanwhile`,
        );
      state = 'down';
    });
    this.#sentinel.on('topology-change', (event: { type?: string; node?: { host: string; port: number } }) => {
      if (event.type !== 'MASTER_CHANGE' || event.node === undefined) return;
      this.#error = undefined;
      log?.(`redis: ${this.#where}: master at ${event.node.host}:${event.node.port}`, 'info');
      state = 'up';
    });
    this.#connect(log);
  }

  /** Why the master cannot be reached, or `undefined` while it can. */
  get error(): string | undefined {
    return this.#error;
  }

  /**
   * The pause before a master connection tries again, or, once closing, the error that ends it.
   * Its message is the one node-redis's Sentinel client does not print (it writes any other failure
   * of its connect loop, with its stack, to standard output, which is the `sessions` command's).
   */
  #retryIn(retries: number): number | Error {
    return this.#closed ? new Error(NO_MASTER) : reconnectDelay(retries);
  }

  /** node-redis gives up a first connection after some attempts: then this starts another. */
  #connect(log: Log | undefined): void {
    this.#sentinel.connect().catch(async (error: unknown) => {
      this.#error = error instanceof Error ? connectionFailure(error) : String(error);
      log?.(
        `redis: ${this.#where}: cannot find the master (${this.#error}); retrying, and requests that need a session get 503 meanwhile`,
      );
      await this.#sentinel.destroy().catch(() => undefined);
      if (this.#closed) return;
      this.#retry = setTimeout(() => this.#connect(log), RETRY_MS);
      this.#retry.unref();
    });
  }

  /** Closes every connection, at most `ms` gracefully, then cuts them. */
  async close(ms: number): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const closed = await Promise.race([
      this.#sentinel.close().then(
        () => 'closed' as const,
        () => 'late' as const,
      ),
      late,
    ]);
    clearTimeout(timer);
    if (closed === 'late') await this.#sentinel.destroy().catch(() => undefined);
  }
}
