/**
 * What the Redis store uses of a node-redis client, cluster client or Sentinel client, and how it
 * walks keys with `SCAN` (never `KEYS`): on the client itself (a Sentinel client sends it to the
 * master), or on every master of a cluster.
 */
import type { RedisClientType, RedisClusterType } from 'redis';

type ScriptOptions = { keys: string[]; arguments: string[] };

/**
 * The part of a node-redis client (`createClient`), cluster client (`createCluster`) or Sentinel
 * client (`createSentinel`) the store calls, whatever its modules, scripts and RESP version.
 * Scanning also uses `scan` (client, Sentinel) or `masters` and `nodeClient` (cluster).
 */
export interface RedisConnection {
  hGetAll(key: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
  pTTL(key: string): Promise<number>;
  evalSha(sha1: string, options: ScriptOptions): Promise<unknown>;
  eval(script: string, options: ScriptOptions): Promise<unknown>;
  hGet(key: string, field: string): Promise<unknown>;
  sAdd(key: string, members: string | string[]): Promise<unknown>;
  sRem(key: string, members: string | string[]): Promise<unknown>;
  sMembers(key: string): Promise<unknown>;
}

/** One Redis server's client (the client itself, or a cluster master's). */
// biome-ignore lint/suspicious/noExplicitAny: the client's modules, functions and scripts are not ours to name
export type NodeClient = RedisClientType<any, any, any, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: as above
type AnyRedisCluster = RedisClusterType<any, any, any, any, any>;

/** True for a cluster client. */
export function isCluster(connection: RedisConnection): connection is RedisConnection & AnyRedisCluster {
  return Array.isArray((connection as { masters?: unknown }).masters);
}

/**
 * True for a Sentinel client (`createSentinel`): its commands go to the master it found through the
 * sentinels, and its `sendCommand` takes a read-only flag before the arguments.
 */
export function isSentinel(connection: RedisConnection): boolean {
  return typeof (connection as { getMasterNode?: unknown }).getMasterNode === 'function';
}

/** Batches of keys matching the glob `match`, each with the client of the server that holds them. */
export async function* scanKeys(
  connection: RedisConnection,
  match: string,
  count: number,
): AsyncGenerator<{ node: NodeClient; keys: string[] }> {
  const nodes = isCluster(connection)
    ? await Promise.all(connection.masters.map((master) => connection.nodeClient(master)))
    : [connection as unknown as NodeClient];
  // `scan` step by step, not `scanIterator`, which a Sentinel client lacks.
  for (const node of nodes) {
    let cursor = '0';
    do {
      const reply = await node.scan(cursor, { MATCH: match, COUNT: count });
      cursor = String(reply.cursor);
      if (reply.keys.length > 0) yield { node, keys: (reply.keys as unknown[]).map(String) };
    } while (cursor !== '0');
  }
}

/** Escapes `text` for a `SCAN ... MATCH` glob pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
