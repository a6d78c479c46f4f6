/**
 * Redis session store, for several machines sharing sessions. One hash per session under
 * `<prefix><app>:<id>` (layout in `redis-layout.ts`); writes are Lua scripts that apply only what
 * a request changed and never recreate a session that is gone; Redis expires a session by its
 * TTL (the max inactive interval, renewed on every write; none when it never expires).
 *
 * Works with a node-redis client or cluster client (`createClient` / `createCluster`) passed in,
 * which stays the caller's to connect and close, or with a URL, for which it makes and owns a
 * client that fails fast while disconnected and reconnects by itself.
 */
import type { RedisClientType, RedisClusterType } from 'redis';
import { InvalidOptionError, StoreUnavailableError } from './errors.js';
import type { SessionPatch, SessionRecord } from './record.js';
import { connectOwnedClient, type FirstAttempt, firstConnectionAttempt } from './redis-connection.js';
import { type AttributeSerializer, escapeGlob, fieldsToRecord, hashReplyToMap, identitySerializer, patchToArguments, recordToFields, ttlSeconds } from './redis-layout.js';
import { CREATE_SCRIPT, type LuaScript, UPDATE_SCRIPT } from './redis-scripts.js';
import type { SessionStore } from './store.js';

type ScriptOptions = { keys: string[]; arguments: string[] };

/**
 * What the store uses of a node-redis client (`createClient`) or cluster client (`createCluster`),
 * whatever its modules, scripts and RESP version. Counting also uses `scanIterator` (client) or
 * `masters` and `nodeClient` (cluster).
 */
export interface RedisConnection {
  hGetAll(key: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
  evalSha(sha1: string, options: ScriptOptions): Promise<unknown>;
  eval(script: string, options: ScriptOptions): Promise<unknown>;
}

type AnyRedisClient = RedisClientType<any, any, any, any, any>;
type AnyRedisCluster = RedisClusterType<any, any, any, any, any>;

export interface RedisStoreOptions {
  /** `redis://` or `rediss://` URL: the store creates, connects and (on `close`) closes its own client. */
  url?: string;
  /** A node-redis client or cluster client; the caller connects it, gives it an `error` listener, and closes it. */
  client?: RedisConnection;
  /** Start of every key. Default `dirigible-session:`. */
  prefix?: string;
  /** Application name, so several applications can share one Redis. Default `default`. */
  app?: string;
  /** How attribute values are stored. Default: their JSON text. */
  serializer?: AttributeSerializer;
  /** `COUNT` hint of each `SCAN` step (used by `count`). Default 1000. */
  scanCount?: number;
  /** Where connection changes of an owned client are reported. Default: nowhere. */
  log?: (line: string) => void;
}

export class RedisStore implements SessionStore {
  /** Sessions live outside this process: the manager tells listeners about passivation/activation. */
  readonly distributed = true;
  /** The node-redis client (or cluster client) in use. */
  readonly client: RedisConnection;
  /** Start of every key (option `prefix`). */
  readonly prefix: string;
  /** Application name (option `app`). */
  readonly app: string;
  /** Every session key starts with this: `<prefix><app>:`. */
  readonly keyPrefix: string;
  readonly #owned: boolean;
  readonly #serializer: AttributeSerializer;
  readonly #scanCount: number;
  /** The first connection attempt of an owned client: calls wait for it, so the first request does not fail. */
  readonly #firstAttempt: FirstAttempt | undefined;

  /**
   * @example
   * const store = new RedisStore({ url: 'redis://127.0.0.1:6379', app: 'shop' });
   * const runtime = createRuntime({ root: './scripts', store });
   */
  constructor(options: RedisStoreOptions) {
    const { prefix = 'dirigible-session:', app = 'default', serializer = identitySerializer, scanCount = 1000 } = options;
    if ((options.url === undefined) === (options.client === undefined)) throw new InvalidOptionError('RedisStore', 'needs exactly one of "url" and "client"');
    if (typeof prefix !== 'string') throw new InvalidOptionError('prefix', 'must be a string');
    if (typeof app !== 'string' || app === '') throw new InvalidOptionError('app', 'must be a non-empty string');
    if (typeof serializer?.serialize !== 'function' || typeof serializer.deserialize !== 'function') {
      throw new InvalidOptionError('serializer', 'must have serialize(json) and deserialize(stored) functions');
    }
    if (!(Number.isInteger(scanCount) && scanCount > 0)) throw new InvalidOptionError('scanCount', 'must be a whole number > 0');
    this.prefix = prefix;
    this.app = app;
    this.keyPrefix = `${prefix}${app}:`;
    this.#serializer = serializer;
    this.#scanCount = scanCount;
    this.#owned = options.client === undefined;
    if (options.client === undefined) {
      const owned = connectOwnedClient(options.url, options.log);
      this.#firstAttempt = firstConnectionAttempt(owned);
      this.client = owned;
    } else {
      this.#firstAttempt = undefined;
      this.client = options.client;
    }
  }

  /** The Redis key of session `id`. */
  key(id: string): string {
    return this.keyPrefix + id;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const reply: unknown = await this.#run('get', () => this.client.hGetAll(this.key(id)));
    return fieldsToRecord(id, hashReplyToMap(reply), this.#serializer);
  }

  async create(record: SessionRecord): Promise<boolean> {
    const args = [String(ttlSeconds(record.maxInactiveInterval)), ...recordToFields(record, this.#serializer)];
    return (await this.#script('create', CREATE_SCRIPT, record.id, args)) === 1;
  }

  async update(id: string, patch: SessionPatch): Promise<boolean> {
    return (await this.#script('update', UPDATE_SCRIPT, id, patchToArguments(patch, this.#serializer))) === 1;
  }

  async destroy(id: string): Promise<void> {
    await this.#run('destroy', () => this.client.del(this.key(id)));
  }

  /** Number of sessions of this application, counted with `SCAN` (O(sessions); on every master of a cluster). */
  async count(): Promise<number> {
    return this.#run('count', async () => {
      let total = 0;
      for (const node of await this.#nodes()) {
        for await (const keys of node.scanIterator({ MATCH: `${escapeGlob(this.keyPrefix)}*`, COUNT: this.#scanCount })) {
          total += (keys as unknown[]).length;
        }
      }
      return total;
    });
  }

  /** Closes the client if this store created it; a client passed in stays open. */
  async close(): Promise<void> {
    if (!this.#owned) return;
    this.#firstAttempt?.settle();
    const client = this.client as RedisClientType;
    if (client.isReady) await client.close();
    else if (client.isOpen) client.destroy();
  }

  /** Runs a Redis call; any failure becomes `ERR_STORE_UNAVAILABLE` naming the operation. */
  async #run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    await this.#firstAttempt?.settled;
    try {
      return await call();
    } catch (error) {
      throw new StoreUnavailableError(`Redis ${operation} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `EVALSHA`, falling back to `EVAL` the first time a server has not seen the script. */
  #script(operation: string, script: LuaScript, id: string, args: string[]): Promise<unknown> {
    const options = { keys: [this.key(id)], arguments: args };
    return this.#run(operation, async () => {
      try {
        return await this.client.evalSha(script.sha, options);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        return this.client.eval(script.source, options);
      }
    });
  }

  /** The clients to `SCAN`: the client itself, or one per cluster master. */
  async #nodes(): Promise<AnyRedisClient[]> {
    if (!isCluster(this.client)) return [this.client as AnyRedisClient];
    const cluster = this.client;
    return Promise.all(cluster.masters.map((master) => cluster.nodeClient(master)));
  }
}

function isCluster(connection: RedisConnection): connection is RedisConnection & AnyRedisCluster {
  return Array.isArray((connection as { masters?: unknown }).masters);
}
