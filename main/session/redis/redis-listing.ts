/**
 * Pages of the Redis store's sessions for operators: `SCAN` over the sessions' keys (on every
 * master of a cluster, one after another), each key read with `HGETALL`, at most `limit` sessions
 * a page.
 *
 * A `SCAN` step answers a batch of keys whose size Redis chooses (`COUNT` is a hint, and a step
 * returns whole hash buckets). When a step holds more keys than the page has room for, the page
 * takes the step's keys in the order of their digests up to the limit, and its cursor
 * (redis-list-cursor.ts) names the step and the digest of the last key taken. The next page takes
 * the same step again, with the same `COUNT`: when it answers the same next cursor it covered the
 * same part of the keyspace, so a key that stayed there was either taken before (its digest sorts
 * no later) or is taken now; when it answers another one (sessions came or went, or Redis resized
 * its table), the page takes the whole step again. So a walk misses no session that exists from its
 * first page to its last, which is what `SCAN` itself guarantees, and, as with `SCAN`, a session may
 * appear twice when the keyspace changed during the walk.
 */
import type { SessionRecord } from '../../../common/record.js';
import { formatListCursor, keyDigest, type ListPosition } from './redis-list-cursor.js';
import { type AttributeSerializer, fieldsToRecord } from './redis-layout.js';
import { isCluster, type NodeClient, type RedisConnection } from './redis-nodes.js';

/** What a page needs besides its position and size. */
export interface ListingScope {
  connection: RedisConnection;
  /** The store's key prefix: ids are keys without it. */
  prefix: string;
  /** `SCAN ... MATCH` glob of the keys to list. */
  match: string;
  /** Most keys one `SCAN` step is asked for (the store's `scanCount`). */
  scanCount: number;
  serializer: AttributeSerializer;
}

/** At most `limit` (> 0) sessions from `position`, and the cursor of the next page (`''` after the last). */
export async function listSessions(
  scope: ListingScope,
  position: ListPosition,
  limit: number,
): Promise<{ records: SessionRecord[]; cursor: string }> {
  const { connection } = scope;
  const servers: NodeClient[] = isCluster(connection)
    ? await Promise.all(connection.masters.map((master) => connection.nodeClient(master)))
    : [connection as unknown as NodeClient];
  const records: SessionRecord[] = [];
  let at = position;
  while (at.server < servers.length && records.length < limit) {
    const client = servers[at.server] as NodeClient;
    const count = at.resume?.count ?? Math.min(Math.max(limit - records.length, 10), scope.scanCount);
    const reply = await client.scan(at.scan, { MATCH: scope.match, COUNT: count });
    const next = String(reply.cursor);
    const keys = stepKeys(reply.keys.map(String), at.resume?.next === next ? at.resume.after : undefined);
    let taken = 0;
    while (taken < keys.length && records.length < limit) {
      const batch = keys.slice(taken, taken + limit - records.length);
      const hashes = await Promise.all(batch.map(({ key }) => client.hGetAll(key)));
      batch.forEach(({ key }, index) => {
        const record = fieldsToRecord(key.slice(scope.prefix.length), hashes[index], scope.serializer);
        if (record !== undefined) records.push(record);
      });
      taken += batch.length;
    }
    if (taken < keys.length) {
      const after = (keys[taken - 1] as { digest: string }).digest;
      at = { server: at.server, scan: at.scan, resume: { count, next, after } };
    } else {
      at = next === '0' ? { server: at.server + 1, scan: '0' } : { server: at.server, scan: next };
    }
  }
  return { records, cursor: formatListCursor(at, servers.length) };
}

/** A step's keys in the order of their digests, those up to `after` left out. */
function stepKeys(keys: string[], after: string | undefined): Array<{ key: string; digest: string }> {
  const sorted = keys
    .map((key) => ({ key, digest: keyDigest(key) }))
    .sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  return after === undefined ? sorted : sorted.filter(({ digest }) => digest > after);
}
