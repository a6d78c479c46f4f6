/**
 * Redis session store, for several machines sharing sessions. One hash per session under
 * `<prefix><store key>`, the store key being `<application>:<session id>` (layout in
 * `redis-layout.ts`); writes are Lua scripts that apply only what a request changed and never
 * recreate a session that is gone. Expiry is the manager's (the max inactive interval against the
 * stored last access time, on lookup and sweep); Redis's TTL, the interval plus a grace renewed on
 * every write (none when it never expires), removes what no node did (redis-layout.ts).
 *
 * Works with a node-redis client, cluster client or Sentinel client (`createClient` /
 * `createCluster` / `createSentinel`) passed in, which stays the caller's to connect and close; with
 * a URL, for which it makes and owns a client that fails fast while disconnected and reconnects by
 * itself; or with sentinels, for which it makes and owns a Sentinel client that follows a failover
 * (redis-sentinel-connection.ts).
 */
import type { RedisClientType } from 'redis';
import { isExpired, type SessionPatch, type SessionRecord } from '../../../common/record.js';
import {
  attemptSettled,
  ConnectionPhase,
  connectionFailure,
  connectOwnedClient,
  type FirstAttempt,
  firstConnectionAttempt,
} from './redis-connection.js';
import {
  type AttributeSerializer,
  EXPIRY_FIELDS,
  expiryFromFields,
  FIELD,
  fieldsToRecord,
  hashReplyToMap,
  patchToArguments,
  recordToFields,
  ttlSeconds,
} from './redis-layout.js';
import { StoreCallGuard } from './store-call-guard.js';
import { ClusterSlotRefresh, type RefreshableCluster } from './cluster-slot-refresh.js';
import { listSessions } from './redis-listing.js';
import { parseListCursor } from './redis-list-cursor.js';
import { escapeGlob, isCluster, isSentinel, type NodeClient, type RedisConnection, scanKeys } from './redis-nodes.js';
import { OwnedSentinel } from './redis-sentinel-connection.js';
import { RedisPrincipals } from './redis-principals.js';
import { type RedisStoreOptions, resolveRedisStoreOptions } from './redis-store-options.js';
import {
  CREATE_SCRIPT,
  FORWARD_FIRST_SCRIPT,
  FORWARD_SCRIPT,
  type LuaScript,
  MOVED_TO_SCRIPT,
  RENAME_SCRIPT,
  UNFORWARD_SCRIPT,
  UPDATE_SCRIPT,
} from './redis-scripts.js';
import type { SessionStore } from '../store.js';

export type { RedisConnection } from './redis-nodes.js';
export type { RedisStoreOptions } from './redis-store-options.js';

export class RedisStore implements SessionStore {
  /** Sessions live outside this process: the manager tells passivation listeners around reads and writes. */
  readonly distributed = true;
  /** The node-redis client (or cluster client) in use. */
  readonly client: RedisConnection;
  /** Start of every key (option `prefix`). */
  readonly prefix: string;
  readonly #serializer: AttributeSerializer;
  readonly #scanCount: number;
  /** Only for a client this store created: its first connection attempt, which calls wait for so the first request does not fail. */
  readonly #firstAttempt: FirstAttempt | undefined;
  /** Only for a client this store created: where its connection attempt is, which `close` waits for. */
  readonly #phase: ConnectionPhase | undefined;
  /** Only for a client this store created: why its last connection attempt failed, until it is ready. */
  #connectionError: string | undefined;
  /** Only for a Sentinel client this store created (option `sentinel`). */
  readonly #sentinel: OwnedSentinel | undefined;
  readonly #commandTimeout: number;
  readonly #guard: StoreCallGuard;
  /** The principal index, for operators. */
  readonly #principals: RedisPrincipals;
  /**
   * The client's raw `sendCommand`, for the two commands of every request: skipping the command
   * objects' argument parsing and reply shaping saves a few µs each. Unset for a cluster client,
   * whose `sendCommand` must be told the key's slot, and for anything without one.
   */
  readonly #sendRaw: ((args: string[]) => Promise<unknown>) | undefined;
  /** Only for a cluster client: reads the slot map again while a master does not answer (a failover). */
  readonly #slotRefresh: ClusterSlotRefresh | undefined;

  /**
   * @example
   * const store = new RedisStore({ url: 'redis://127.0.0.1:6379' });
   * const runtime = createRuntime({ root: './scripts', store });
   */
  constructor(options: RedisStoreOptions) {
    const {
      url,
      client: given,
      sentinel,
      prefix,
      serializer,
      scanCount,
      commandTimeout,
      log,
    } = resolveRedisStoreOptions(options);
    this.#guard = new StoreCallGuard(commandTimeout);
    this.#commandTimeout = commandTimeout;
    this.prefix = prefix;
    this.#serializer = serializer;
    this.#scanCount = scanCount;
    this.#sentinel = sentinel === undefined ? undefined : new OwnedSentinel(sentinel, log, commandTimeout);
    if (this.#sentinel !== undefined) {
      this.#firstAttempt = undefined;
      this.#phase = undefined;
      this.client = this.#sentinel.client;
    } else if (given === undefined) {
      const owned = connectOwnedClient(url as string, log);
      this.#firstAttempt = firstConnectionAttempt(owned);
      owned.on('error', (error: Error) => (this.#connectionError = connectionFailure(error)));
      owned.on('ready', () => (this.#connectionError = undefined));
      this.#phase = new ConnectionPhase(owned);
      this.client = owned;
    } else {
      this.#firstAttempt = undefined;
      this.#phase = undefined;
      this.client = given;
    }
    const client = this.client as Partial<NodeClient>;
    // A Sentinel client's `sendCommand` takes a read-only flag first: not read-only, so the master.
    const sentinelSend = client.sendCommand as unknown as (readOnly: boolean, args: string[]) => Promise<unknown>;
    this.#sendRaw =
      isCluster(this.client) || typeof client.sendCommand !== 'function'
        ? undefined
        : isSentinel(this.client)
          ? (args) => sentinelSend.call(client, false, args)
          : (args) => (client as NodeClient).sendCommand(args);
    this.#slotRefresh = isCluster(this.client)
      ? new ClusterSlotRefresh(this.client as unknown as RefreshableCluster, log ?? (() => undefined))
      : undefined;
    this.#principals = new RedisPrincipals(this.client, prefix, (script, keys, args) =>
      this.#eval(script, { keys, arguments: args }),
    );
  }

  /**
   * Why the client this store created (from `url` or `sentinel`) cannot reach Redis (`connect
   * ECONNREFUSED …`, `WRONGPASS …`), or `undefined` while it is connected, and always for a client
   * passed in. Commands sent meanwhile fail only with "The client is offline" (or time out while a
   * Sentinel client looks for the master); this says why.
   */
  get connectionError(): string | undefined {
    return this.#sentinel === undefined ? this.#connectionError : this.#sentinel.error;
  }

  /** The Redis key of store key `key` (`<application>:<session id>`): the store's prefix, the one it adds. */
  key(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<SessionRecord | undefined> {
    const redisKey = this.key(key);
    const send = this.#sendRaw;
    const reply: unknown = await this.#run('get', () =>
      send === undefined ? this.client.hGetAll(redisKey) : send(['HGETALL', redisKey]),
    );
    return fieldsToRecord(key, reply, this.#serializer);
  }

  async create(record: SessionRecord): Promise<boolean> {
    const args = [String(ttlSeconds(record.maxInactiveInterval)), ...recordToFields(record, this.#serializer)];
    return (await this.#script('create', CREATE_SCRIPT, [record.id], args)) === 1;
  }

  async update(key: string, patch: SessionPatch): Promise<boolean> {
    return (await this.#script('update', UPDATE_SCRIPT, [key], patchToArguments(patch, this.#serializer))) === 1;
  }

  /**
   * Removes the session and its id from its principal's set (redis-principals.ts). Resolves `true`
   * when this call removed it (its `DEL` counted it), `false` when it was gone.
   */
  destroy(key: string): Promise<boolean> {
    return this.#run('destroy', () => this.#principals.destroy(key));
  }

  /**
   * Moves the session to `newId`, TTL and principal index included, atomically on one server. On a
   * cluster the keys usually live on different servers, so it adds the new id to the principal's
   * set, copies the hash, writes the forwarding (`movedTo`), then deletes the old key (and its id
   * from the set): when that DEL finds the old key gone (another rotation, an invalidation, an
   * expiry took it meanwhile), the copy and the forwarding naming it are deleted and the rename
   * fails, so a session never becomes two. The forwarding goes first so that a commit following the
   * rotation (another request's writes, an `invalidate()`) never finds the old key gone and no
   * forwarding; the winner writes it again after its DEL, in case a concurrent rotation's was there.
   */
  async rename(oldId: string, newId: string): Promise<boolean> {
    if (!isCluster(this.client)) {
      const args = [this.#principals.indexKey(oldId, ''), oldId, newId, String(FORWARDING_WITHOUT_TTL_MS)];
      const keys = [this.key(oldId), this.key(newId), this.#forwardingKey(oldId)];
      return (await this.#run('rename', () => this.#eval(RENAME_SCRIPT, { keys, arguments: args }))) === 1;
    }
    const hash = hashReplyToMap(await this.#run('rename', () => this.client.hGetAll(this.key(oldId))));
    const ttl = await this.#run('rename', () => this.client.pTTL(this.key(oldId)));
    if (hash.size === 0 || ttl === -2) return false;
    const principal = hash.get(FIELD.principal);
    if (principal !== undefined)
      await this.#run('rename', () => this.client.sAdd(this.#principals.indexKey(newId, principal), newId));
    const fields = [...hash].flat();
    if (
      (await this.#script(
        'rename',
        CREATE_SCRIPT,
        [newId],
        [String(ttl > 0 ? Math.ceil(ttl / 1000) : 0), ...fields],
      )) !== 1
    )
      return false;
    const forwarding = [this.#forwardingKey(oldId)];
    const lifetime = String(ttl > 0 ? ttl : FORWARDING_WITHOUT_TTL_MS);
    await this.#run('rename', () =>
      this.#eval(FORWARD_FIRST_SCRIPT, { keys: forwarding, arguments: [newId, lifetime] }),
    );
    // The old key's DEL decides: of two rotations (or a rotation and an invalidation or expiry) at
    // once, only the one that removed it moved the session; the other takes its copy back.
    if (await this.destroy(oldId)) {
      await this.#run('rename', () => this.#eval(FORWARD_SCRIPT, { keys: forwarding, arguments: [newId, lifetime] }));
      return true;
    }
    // The copy goes before the forwarding naming it: a commit that followed that forwarding in
    // between then finds the copy gone ('gone', told honestly) rather than writing to it and
    // reporting 'saved' just before it is deleted.
    await this.destroy(newId);
    await this.#run('rename', () => this.#eval(UNFORWARD_SCRIPT, { keys: forwarding, arguments: [newId] }));
    return false;
  }

  /**
   * The store id `rename` moved the session of `key` to, for as long as the session's TTL was when
   * it moved (`FORWARDING_WITHOUT_TTL_MS` without one).
   */
  async movedTo(key: string): Promise<string | undefined> {
    const keys = [this.#forwardingKey(key)];
    const moved = await this.#run('movedTo', () => this.#eval(MOVED_TO_SCRIPT, { keys, arguments: [] }));
    return typeof moved === 'string' ? moved : undefined;
  }

  /**
   * The key of the forwarding of a rotated session's old store key `key`, `<prefix>moved:<key>`: under
   * the prefix (where the ACL of docs/multi-machine.md lets the store write), beside the session locks
   * (`<prefix>lock:…`), so the scans of one application's sessions (`<prefix><application>:*`) never meet it.
   */
  #forwardingKey(key: string): string {
    return `${this.prefix}${FORWARDING_INFIX}${key}`;
  }

  /**
   * Ids of sessions expired at `now` (idle, or older than `absoluteTimeout` seconds), found with
   * `SCAN` over this store's keys. Redis removes idle sessions by their TTL itself, so this mostly
   * finds sessions past an absolute timeout, or expired by a clock ahead of Redis's. Keys under the
   * prefix that are not session hashes (the session locks, `<prefix>lock:…`, the forwardings of
   * rotated sessions, `<prefix>moved:…`) are passed over.
   */
  async expiredIds(now: number, absoluteTimeout = 0): Promise<string[]> {
    return this.#run('expiredIds', async () => {
      const expired: string[] = [];
      for await (const { node, keys } of scanKeys(this.client, `${escapeGlob(this.prefix)}*`, this.#scanCount)) {
        const values = await Promise.all(keys.map((key) => expiryFieldsOf(node, key)));
        keys.forEach((key, index) => {
          const expiry = expiryFromFields(values[index] ?? []);
          if (expiry !== undefined && isExpired(expiry, now, absoluteTimeout))
            expired.push(key.slice(this.prefix.length));
        });
      }
      return expired;
    });
  }

  /**
   * Number of sessions whose store id starts with `idPrefix` (all without it, the forwardings of
   * rotated sessions left out), counted with `SCAN`: O(sessions).
   */
  async count(idPrefix = ''): Promise<number> {
    return this.#run('count', async () => {
      let total = 0;
      const forwardings = this.prefix + FORWARDING_INFIX;
      for await (const { keys } of scanKeys(this.client, `${escapeGlob(this.prefix + idPrefix)}*`, this.#scanCount))
        total += idPrefix === '' ? keys.filter((key) => !key.startsWith(forwardings)).length : keys.length;
      return total;
    });
  }

  /** Records the session's principal with its index (redis-principals.ts); `false` when the session is gone. */
  setPrincipal(id: string, principal: string | undefined, previous: string | undefined): Promise<boolean> {
    return this.#run('setPrincipal', () => this.#principals.set(id, principal, previous));
  }

  /** Store ids of the existing sessions of `prefix` owned by `principal`. */
  findByPrincipal(prefix: string, principal: string): Promise<string[]> {
    return this.#run('findByPrincipal', () => this.#principals.find(prefix, principal));
  }

  /**
   * At most `limit` sessions whose store id starts with `idPrefix`, from `cursor` (redis-listing.ts).
   * @throws `ERR_INVALID_OPTION` naming `cursor` when it is not one this method returned
   */
  async list(idPrefix: string, cursor: string, limit: number): Promise<{ records: SessionRecord[]; cursor: string }> {
    const position = parseListCursor(cursor);
    const scope = {
      connection: this.client,
      prefix: this.prefix,
      match: `${escapeGlob(this.prefix + idPrefix)}*`,
      scanCount: this.#scanCount,
      serializer: this.#serializer,
    };
    return this.#run('list', () => listSessions(scope, position, limit));
  }

  /**
   * Closes the client if this store created it, once its connection attempt in flight, if any, has
   * ended (see `attemptSettled`); a client passed in stays open (a cluster client's slot map is no
   * longer watched).
   */
  async close(): Promise<void> {
    this.#slotRefresh?.close();
    if (this.#sentinel !== undefined) return this.#sentinel.close(this.#commandTimeout);
    if (this.#firstAttempt === undefined || this.#phase === undefined) return;
    this.#firstAttempt.settle();
    const client = this.client as RedisClientType;
    if (!client.isOpen) return;
    await attemptSettled(this.#phase, this.#commandTimeout);
    // A connection that does not end, a close Redis does not answer or an attempt that outlasted
    // the wait, must not keep Node running: the socket is unreferenced now, or when it opens.
    client.unref();
    if (this.#phase.current === 'opening') client.once('connect', () => client.unref());
    if (!client.isReady) {
      if (client.isOpen) client.destroy();
      return;
    }
    // A silent Redis never answers QUIT: close gracefully if it can, otherwise cut the connection.
    await this.#guard
      .run('close', () => client.close())
      .catch(() => {
        if (client.isOpen) client.destroy();
      });
  }

  /** Runs a Redis call; any failure becomes `ERR_STORE_UNAVAILABLE` naming the operation. */
  #run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const attempt = this.#firstAttempt;
    const waited = attempt === undefined || attempt.done ? call : () => attempt.settled.then(call);
    return this.#guard.run(operation, waited);
  }

  /** `EVALSHA`, falling back to `EVAL` the first time a server has not seen the script. */
  #script(operation: string, script: LuaScript, ids: string[], args: string[]): Promise<unknown> {
    const keys = ids.map((id) => this.key(id));
    return this.#run(operation, () => this.#eval(script, { keys, arguments: args }));
  }

  #eval(script: LuaScript, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
    const send = this.#sendRaw;
    const sent =
      send === undefined
        ? this.client.evalSha(script.sha, options)
        : send(['EVALSHA', script.sha, String(options.keys.length), ...options.keys, ...options.arguments]);
    return sent.then(undefined, (error: unknown) => {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return this.client.eval(script.source, options);
    });
  }
}

/** How long (ms) a rotated session's old key forwards to its new one when the session has no TTL. */
const FORWARDING_WITHOUT_TTL_MS = 3_600_000;

/** What follows the prefix in the keys of the forwardings of rotated sessions' old keys (`movedTo`). */
const FORWARDING_INFIX = 'moved:';

/** The expiry fields of the session hash at `key`; none when the key holds no hash (a session lock, a forwarding). */
function expiryFieldsOf(node: NodeClient, key: string): Promise<unknown[]> {
  return (node.hmGet(key, [...EXPIRY_FIELDS]) as Promise<unknown[]>).catch((error: unknown) => {
    if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return [];
    throw error;
  });
}
