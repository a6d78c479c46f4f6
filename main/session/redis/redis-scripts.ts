/**
 * The Lua scripts that make the Redis store's writes atomic. Each checks inside the script that
 * the session exists (create: that it does not), so a write can never bring back a session that
 * another node invalidated, and Redis runs each script without interleaving other commands.
 */
import { createHash } from 'node:crypto';
import { FIELD, TTL_GRACE_SECONDS } from './redis-layout.js';

/** A script and its SHA-1, for `EVALSHA` with an `EVAL` fallback. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

/** A script with its SHA-1. */
export function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** KEYS[1] the session; ARGV[1] TTL seconds (0: none); ARGV[2..] field/value pairs. Returns 1, or 0 when it exists. */
export const CREATE_SCRIPT = lua(`
local key = KEYS[1]
if redis.call('EXISTS', key) == 1 then return 0 end
if #ARGV > 1 then redis.call('HSET', key, unpack(ARGV, 2)) end
if tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', key, ARGV[1]) end
return 1
`);

/**
 * KEYS[1] the session; ARGV: last access, max inactive interval, isNew ('' leaves one unchanged),
 * the number R of removed attributes, R attribute fields, then field/value pairs to set.
 * Returns 1, or 0 (and writes nothing) when the session does not exist (every stored session has
 * its max inactive interval field, so the one read that finds the stored interval also tells that).
 * A new attribute takes the next order number; a replaced one keeps its own (one HMGET reads
 * them all, one HINCRBY reserves the new ones). Every field is written by one variadic HSET.
 * The TTL is renewed from the max inactive interval (the one written here, else the stored one)
 * plus `TTL_GRACE_SECONDS`; none when it is <= 0.
 */
export const UPDATE_SCRIPT = lua(`
local key = KEYS[1]
local storedInterval = redis.call('HGET', key, '${FIELD.maxInactive}')
if not storedInterval then return 0 end
local fields = {}
local function put(field, value) fields[#fields + 1] = field; fields[#fields + 1] = value end
if ARGV[1] ~= '' then put('${FIELD.accessed}', ARGV[1]) end
if ARGV[2] ~= '' then put('${FIELD.maxInactive}', ARGV[2]) end
if ARGV[3] ~= '' then put('${FIELD.isNew}', ARGV[3]) end
local removed = tonumber(ARGV[4])
if removed > 0 then redis.call('HDEL', key, unpack(ARGV, 5, 4 + removed)) end
local first = 5 + removed
if first <= #ARGV then
  local names = {}
  for i = first, #ARGV, 2 do names[#names + 1] = ARGV[i] end
  local olds = redis.call('HMGET', key, unpack(names))
  local orders, fresh = {}, 0
  for j = 1, #names do
    orders[j] = olds[j] and string.match(olds[j], '^(%d+):')
    if not orders[j] then fresh = fresh + 1 end
  end
  local nextOrder = 0
  if fresh > 0 then nextOrder = redis.call('HINCRBY', key, '${FIELD.order}', fresh) - fresh end
  for j = 1, #names do
    if not orders[j] then nextOrder = nextOrder + 1; orders[j] = nextOrder end
    put(names[j], orders[j] .. ':' .. ARGV[first + 2 * j - 1])
  end
end
if #fields > 0 then redis.call('HSET', key, unpack(fields)) end
local interval = tonumber(ARGV[2] ~= '' and ARGV[2] or storedInterval)
if interval ~= nil and interval > 0 then
  redis.call('EXPIRE', key, math.ceil(interval) + ${TTL_GRACE_SECONDS})
else
  redis.call('PERSIST', key)
end
return 1
`);

/**
 * KEYS[1] the session, KEYS[2] its new key, KEYS[3] the old key's forwarding (same server); ARGV[1]
 * the start of the application's principal index keys (`principal-index:<prefix><application>:`),
 * ARGV[2] and ARGV[3] the old and new store ids, ARGV[4] the forwarding's lifetime (ms) for a
 * session without TTL. Moves the hash, TTL included, and the id in its principal's set, if it has
 * one, and forwards the old key to the new id for the session's TTL (`movedTo`); returns 1, or 0
 * (moving nothing) when the first is gone or the second taken.
 */
export const RENAME_SCRIPT = lua(`
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SET', KEYS[3], ARGV[3], 'PX', ttl > 0 and ttl or ARGV[4])
local principal = redis.call('HGET', KEYS[2], '${FIELD.principal}')
if principal then
  redis.call('SREM', ARGV[1] .. principal, ARGV[2])
  redis.call('SADD', ARGV[1] .. principal, ARGV[3])
end
return 1
`);

/**
 * KEYS[1] the forwarding of a rotated session's old key; ARGV[1] the new store id, ARGV[2] its
 * lifetime (ms). Written after a rotation by copy (a cluster), where `RENAME_SCRIPT` cannot run.
 */
export const FORWARD_SCRIPT = lua(`redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);

/**
 * `FORWARD_SCRIPT` written before a rotation by copy deletes the old key, unless a rotation of the
 * same session at once wrote its own first (`NX`): a commit that follows the rotation in between
 * finds the new id.
 */
export const FORWARD_FIRST_SCRIPT = lua(`redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX')
return 1
`);

/**
 * KEYS[1] the forwarding of a rotated session's old key; ARGV[1] the store id of a rotation's copy
 * that lost (its old key's delete found nothing): the forwarding goes only while it names that copy.
 */
export const UNFORWARD_SCRIPT = lua(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`);

/** KEYS[1] the forwarding of a rotated session's old key. Returns the new store id, or nil. */
export const MOVED_TO_SCRIPT = lua(`return redis.call('GET', KEYS[1])
`);
