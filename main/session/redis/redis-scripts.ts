/**
 * The Lua scripts that make the Redis store's writes atomic. Each checks inside the script that
 * the session exists (create: that it does not), so a write can never bring back a session that
 * another node invalidated, and Redis runs each script without interleaving other commands.
 */
import { createHash } from 'node:crypto';
import { FIELD } from './redis-layout.js';

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
for i = 2, #ARGV, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
if tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', key, ARGV[1]) end
return 1
`);

/**
 * KEYS[1] the session; ARGV: last access, max inactive interval, isNew ('' leaves one unchanged),
 * the number R of removed attributes, R attribute fields, then field/value pairs to set.
 * Returns 1, or 0 (and writes nothing) when the session does not exist.
 * A new attribute takes the next order number; a replaced one keeps its own.
 * The TTL is renewed from the stored max inactive interval; none when it is <= 0.
 */
export const UPDATE_SCRIPT = lua(`
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return 0 end
if ARGV[1] ~= '' then redis.call('HSET', key, '${FIELD.accessed}', ARGV[1]) end
if ARGV[2] ~= '' then redis.call('HSET', key, '${FIELD.maxInactive}', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', key, '${FIELD.isNew}', ARGV[3]) end
local removed = tonumber(ARGV[4])
for i = 5, 4 + removed do redis.call('HDEL', key, ARGV[i]) end
for i = 5 + removed, #ARGV, 2 do
  local old = redis.call('HGET', key, ARGV[i])
  local order = old and string.match(old, '^(%d+):')
  if not order then order = redis.call('HINCRBY', key, '${FIELD.order}', 1) end
  redis.call('HSET', key, ARGV[i], order .. ':' .. ARGV[i + 1])
end
local interval = tonumber(redis.call('HGET', key, '${FIELD.maxInactive}'))
if interval ~= nil and interval > 0 then
  redis.call('EXPIRE', key, math.ceil(interval))
else
  redis.call('PERSIST', key)
end
return 1
`);

/**
 * KEYS[1] the session, KEYS[2] its new key (same server). Moves the hash, TTL included; returns 1,
 * or 0 (moving nothing) when the first is gone or the second taken.
 */
export const RENAME_SCRIPT = lua(`
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
return 1
`);
