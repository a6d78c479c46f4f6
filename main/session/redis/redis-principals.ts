/**
 * The Redis store's principal index, for operators: the principal of a session is the `m:principal`
 * field of its hash, and each principal has a set of store ids under
 * `principal-index:<prefix><application>:<principal>` (outside the sessions' key pattern, so scans of
 * sessions never meet it).
 *
 * On one Redis server a Lua script writes the field and both sets at once, and only when the
 * session exists, dropping from the new set the ids of sessions that are gone or changed hands. On
 * a cluster the keys live on different servers, so the new set is written first, then the field
 * (only when the session exists), then the old set: the index may briefly hold more than it
 * should, never less. Either way a lookup checks every id against its session's own field,
 * so it never lists a session that is gone or has changed hands, and drops such ids from the set.
 * Destroying a session (invalidation, expiry found by a lookup or the sweep) drops its id from its
 * set as it deletes the session; only sessions Redis's TTL removes leave their ids behind.
 */
import { FIELD } from './redis-layout.js';
import { isCluster, type RedisConnection } from './redis-nodes.js';
import { type LuaScript, lua } from './redis-scripts.js';

const PRINCIPAL_FIELD = FIELD.principal;
const INDEX_PREFIX = 'principal-index:';
/** Most members of a principal's set one recording checks (see `SET_PRINCIPAL_SCRIPT`). */
export const PRINCIPAL_CHECKS = 64;

/**
 * KEYS[1] the session, KEYS[2] the new principal's set, KEYS[3] the old one's; ARGV[1] the new
 * principal ('' for none), ARGV[2] the store id, ARGV[3] '1' when there was an old principal,
 * ARGV[4] the store's key prefix. Returns 1, or 0 (writing nothing) when the session does not
 * exist. Adding to a set also drops from it the ids whose session is gone or has another
 * principal, so a set (which has no TTL) holds the principal's live sessions, not every one it had:
 * every member while the set holds at most `PRINCIPAL_CHECKS`, else that many members taken at
 * random. Checking every member of a large set made each new session of a user cost Redis a
 * lookup per live session of that user (quadratic for a client that logs in with every request);
 * a sample keeps the work per recording bounded, and the ids of ended sessions a small share of
 * the set (each recording drops the ended ids among its sample).
 */
const SET_PRINCIPAL_SCRIPT = lua(`
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return 0 end
if ARGV[3] == '1' then redis.call('SREM', KEYS[3], ARGV[2]) end
if ARGV[1] == '' then
  redis.call('HDEL', key, '${PRINCIPAL_FIELD}')
else
  redis.call('HSET', key, '${PRINCIPAL_FIELD}', ARGV[1])
  local checked
  if redis.call('SCARD', KEYS[2]) <= ${PRINCIPAL_CHECKS} then
    checked = redis.call('SMEMBERS', KEYS[2])
  else
    checked = redis.call('SRANDMEMBER', KEYS[2], ${PRINCIPAL_CHECKS})
  end
  for _, member in ipairs(checked) do
    if member ~= ARGV[2] and redis.call('HGET', ARGV[4] .. member, '${PRINCIPAL_FIELD}') ~= ARGV[1] then
      redis.call('SREM', KEYS[2], member)
    end
  end
  redis.call('SADD', KEYS[2], ARGV[2])
end
return 1
`);

/** KEYS[1] the session; ARGV[1] the principal ('' removes it). Returns 1, or 0 when the session is gone. */
const SET_FIELD_SCRIPT = lua(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == '' then redis.call('HDEL', KEYS[1], '${PRINCIPAL_FIELD}') else redis.call('HSET', KEYS[1], '${PRINCIPAL_FIELD}', ARGV[1]) end
return 1
`);

/**
 * KEYS[1] the session; ARGV[1] the start of its application's index keys
 * (`principal-index:<prefix><application>:`), ARGV[2] its store id. Deletes the session and drops
 * its id from its principal's set, if it has one; returns 1, or 0 when the session was gone.
 */
const DESTROY_SCRIPT = lua(`
local principal = redis.call('HGET', KEYS[1], '${PRINCIPAL_FIELD}')
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
if principal then redis.call('SREM', ARGV[1] .. principal, ARGV[2]) end
return 1
`);

/** Runs a script by SHA with an `EVAL` fallback. */
type RunScript = (script: LuaScript, keys: string[], args: string[]) => Promise<unknown>;

export class RedisPrincipals {
  readonly #client: RedisConnection;
  readonly #prefix: string;
  readonly #script: RunScript;

  /** @param prefix the store's key prefix */
  constructor(client: RedisConnection, prefix: string, script: RunScript) {
    this.#client = client;
    this.#prefix = prefix;
    this.#script = script;
  }

  /** The set of `principal`'s store ids among the sessions of the application of store id `id`. */
  indexKey(id: string, principal: string): string {
    return `${INDEX_PREFIX}${this.#prefix}${id.slice(0, id.indexOf(':') + 1)}${principal}`;
  }

  async set(id: string, principal: string | undefined, previous: string | undefined): Promise<boolean> {
    const key = this.#prefix + id;
    const newIndex = this.indexKey(id, principal ?? '');
    const oldIndex = this.indexKey(id, previous ?? '');
    if (!isCluster(this.#client)) {
      const args = [principal ?? '', id, previous === undefined ? '0' : '1', this.#prefix];
      return (await this.#script(SET_PRINCIPAL_SCRIPT, [key, newIndex, oldIndex], args)) === 1;
    }
    if (principal !== undefined) await this.#client.sAdd(newIndex, id);
    const stored = (await this.#script(SET_FIELD_SCRIPT, [key], [principal ?? ''])) === 1;
    if (previous !== undefined && previous !== principal) await this.#client.sRem(oldIndex, id);
    return stored;
  }

  /**
   * Deletes session `id` and drops it from its principal's set: in one script on one server; on a
   * cluster (the set on another server) the principal is read, the session deleted, then the set
   * written. Resolves `true` when this call deleted the session, `false` when it was gone.
   */
  async destroy(id: string): Promise<boolean> {
    const key = this.#prefix + id;
    if (!isCluster(this.#client)) return (await this.#script(DESTROY_SCRIPT, [key], [this.indexKey(id, ''), id])) === 1;
    const principal: unknown = await this.#client.hGet(key, PRINCIPAL_FIELD);
    const removed = (await this.#client.del(key)) === 1;
    if (removed && typeof principal === 'string') await this.#client.sRem(this.indexKey(id, principal), id);
    return removed;
  }

  /** Store ids of the existing sessions of `prefix` (`<application>:`) owned by `principal`; drops stale ones. */
  async find(prefix: string, principal: string): Promise<string[]> {
    const index = `${INDEX_PREFIX}${this.#prefix}${prefix}${principal}`;
    const ids = ((await this.#client.sMembers(index)) as unknown[]).map(String);
    const owners = await Promise.all(ids.map((id) => this.#client.hGet(this.#prefix + id, PRINCIPAL_FIELD)));
    const live = ids.filter((_, i) => owners[i] === principal);
    const stale = ids.filter((_, i) => owners[i] !== principal);
    if (stale.length > 0) await this.#client.sRem(index, stale);
    return live.filter((id) => id.startsWith(prefix));
  }
}
