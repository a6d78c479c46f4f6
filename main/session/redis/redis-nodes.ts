/**
 * What the Redis store uses of a node-redis client or cluster client, and how it walks keys with
 * `SCAN` (never `KEYS`): on the client itself, or on every master of a cluster.
 */
import type { RedisClientType, RedisClusterType } from 'redis';

type ScriptOptions = { keys: string[]; arguments: string[] };

/**
 * The part of a node-redis client (`createClient`) or cluster client (`createCluster`) the store
 * calls, whatever its modules, scripts and RESP version. Scanning also uses `scanIterator`
 * (client) or `masters` and `nodeClient` (cluster).
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

/** Batches of keys matching the glob `match`, each with the client of the server that holds them. */
export async function* scanKeys(
  connection: RedisConnection,
  match: string,
  count: number,
): AsyncGenerator<{ node: NodeClient; keys: string[] }> {
  const nodes = isCluster(connection)
    ? await Promise.all(connection.masters.map((master) => connection.nodeClient(master)))
    : [connection as unknown as NodeClient];
  for (const node of nodes) {
    for await (const keys of node.scanIterator({ MATCH: match, COUNT: count })) {
      yield { node, keys: (keys as unknown[]).map(String) };
    }
  }
}

/** Escapes `text` for a `SCAN ... MATCH` glob pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
