/**
 * The Sentinel client a Redis store makes for itself (`redisSentinel`): node-redis's
 * `createSentinel`, which asks the sentinels for the master, sends every command there, and, when
 * the sentinels promote a replica (their `switch-master`, or the master's connection lost), asks
 * again and moves to the new master. Commands sent meanwhile wait for it; the store's call guard
 * fails them after `storeTimeout` with `ERR_STORE_UNAVAILABLE`. node-redis says nothing while the
 * master the sentinels name is down or unreachable: when no master answers within `storeTimeout`
 * of starting or of losing it, this asks a sentinel why (sentinel-view.ts), logs that once, makes
 * it `error`, and logs again once a master answers.
 */
import { createSentinel, type RedisSentinelType } from 'redis';
import { connectionFailure, reconnectDelay } from './redis-connection.js';
import type { RedisConnection } from './redis-nodes.js';
import type { SentinelClientOptions } from './redis-sentinel-options.js';
import { sentinelView } from './sentinel-view.js';

/** Longest a socket to a sentinel or a master takes to open before the attempt fails, ms. */
const CONNECT_TIMEOUT_MS = 2000;
/** The failure node-redis's Sentinel client takes for "no master yet", and does not print. */
const NO_MASTER = 'no valid master node';
/** Pause before a new first connection after node-redis gave up finding a master, ms. */
const RETRY_MS = 1000;
/** Pause between checks (a `PING` through the client) while no master answers, ms. */
const CHECK_MS = 1000;

type Log = (line: string, level?: 'info' | 'warn') => void;

/** An owned Sentinel client: the connection the store uses, why it cannot reach Redis, and its close. */
export class OwnedSentinel {
  readonly client: RedisConnection;
  readonly #sentinel: RedisSentinelType;
  readonly #where: string;
  #error: string | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #state: 'connecting' | 'up' | 'down' = 'connecting';
  /** The master's `host:port` node-redis was last told of. */
  #master: string | undefined;
  /** While no master answers: whether that was logged, why (the sentinels' view), the next check. */
  #outage: { deadline: number; reported: boolean; reason?: string; check?: NodeJS.Timeout } | undefined;
  /** While a master answers: the next `PING` that checks it still does (a paused master closes nothing). */
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #log: Log | undefined;
  readonly #waitMs: number;
  readonly #ask: () => Promise<string>;

  /** `waitMs`: how long no master may answer before the reason is logged (the store's `storeTimeout`). */
  constructor(options: SentinelClientOptions, log: Log | undefined, waitMs: number) {
    const { name, sentinelRootNodes, node } = options;
    this.#log = log;
    this.#waitMs = waitMs;
    this.#ask = () => sentinelView(name, sentinelRootNodes, node.tls);
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
      if (this.#state === 'up')
        log?.(
          `redis: ${this.#where}: connection to the master lost (${this.#error}); asking the sentinels, and requests that need a session get 503 meanwhile`,
        );
      this.#state = 'down';
      this.#watch();
    });
    this.#sentinel.on('topology-change', (event: { type?: string; node?: { host: string; port: number } }) => {
      if (event.type !== 'MASTER_CHANGE' || event.node === undefined) return;
      this.#error = undefined;
      this.#master = `${event.node.host}:${event.node.port}`;
      log?.(`redis: ${this.#where}: master at ${this.#master}`, 'info');
      this.#up();
    });
    this.#connect(log);
    this.#watch();
  }

  /** Why the master cannot be reached (with the sentinels' view once asked), or `undefined` while it can. */
  get error(): string | undefined {
    const reason = this.#outage?.reason;
    if (reason === undefined) return this.#error;
    return `no master answers: ${reason}${this.#error === undefined ? '' : ` (last failure: ${this.#error})`}`;
  }

  /** Starts watching for a master that answers (none has since `since`), unless already watching. */
  #watch(since = Date.now()): void {
    if (this.#outage !== undefined || this.#closed) return;
    clearTimeout(this.#heartbeat);
    this.#outage = { deadline: since + this.#waitMs, reported: false };
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    const outage = this.#outage;
    if (outage === undefined || this.#closed) return;
    outage.check = setTimeout(() => void this.#check(), ms);
    outage.check.unref();
  }

  /** A master answers: the outage (if any) ends, with a line if it was logged. */
  #up(): void {
    const outage = this.#outage;
    this.#state = 'up';
    this.#error = undefined;
    this.#outage = undefined;
    clearTimeout(outage?.check);
    if (outage?.reported && !this.#closed)
      this.#log?.(`redis: ${this.#where}: master at ${this.#master ?? 'unknown'} answers again`, 'info');
    this.#beat();
  }

  /** In `CHECK_MS`, pings the master; when it does not answer within `waitMs`, an outage starts. */
  #beat(): void {
    clearTimeout(this.#heartbeat);
    if (this.#closed) return;
    this.#heartbeat = setTimeout(async () => {
      if (this.#outage !== undefined || this.#closed) return;
      const since = Date.now();
      const answered = await this.#answers(this.#waitMs);
      if (this.#outage !== undefined || this.#closed) return;
      if (answered) this.#beat();
      else this.#watch(since);
    }, CHECK_MS);
    this.#heartbeat.unref();
  }

  /** Pings the master through the client; when it does not answer, logs why once, then checks again. */
  async #check(): Promise<void> {
    const outage = this.#outage;
    if (outage === undefined || this.#closed) return;
    // Until the deadline, a ping may take what is left of it; then each takes at most CHECK_MS.
    const left = outage.deadline - Date.now();
    if (await this.#answers(outage.reported || left <= 0 ? CHECK_MS : left)) {
      if (this.#outage === outage) this.#up();
      return;
    }
    if (this.#outage !== outage || this.#closed) return;
    const stillLeft = outage.deadline - Date.now();
    if (!outage.reported && stillLeft > 0) {
      // The ping failed at once (no master connection yet): ask again until the deadline.
      this.#schedule(Math.min(stillLeft, 50));
      return;
    }
    if (!outage.reported) {
      outage.reason = await this.#ask();
      if (this.#outage !== outage || this.#closed) return;
      outage.reported = true;
      this.#log?.(
        `redis: ${this.#where}: no master answers within ${this.#waitMs} ms: ${outage.reason}${this.#error === undefined ? '' : ` (last failure: ${this.#error})`}; requests that need a session get 503 until one does`,
        'warn',
      );
    }
    this.#schedule(CHECK_MS);
  }

  /** Whether a `PING` through the client is answered within `ms`. */
  async #answers(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const ping = this.#sentinel.sendCommand(false, ['PING']).then(
      () => true,
      () => false,
    );
    const answered = await Promise.race([ping, late]);
    clearTimeout(timer);
    return answered;
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
    clearTimeout(this.#outage?.check);
    clearTimeout(this.#heartbeat);
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
