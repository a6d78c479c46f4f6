/**
 * Pages of the Redis store's sessions for operators: `SCAN` over the sessions' keys (on every
 * master of a cluster, one after another), each key read with `HGETALL`. The cursor names the
 * server and its `SCAN` cursor, `<server index>:<cursor>`; `''` starts, and ends, the walk.
 */
import type { SessionRecord } from '../../../common/record.js';
import { type AttributeSerializer, fieldsToRecord } from './redis-layout.js';
import { isCluster, type NodeClient, type RedisConnection } from './redis-nodes.js';

/** About `limit` sessions whose keys match `match`, from `cursor`; ids are keys without `prefix`. */
export async function listSessions(
  connection: RedisConnection,
  prefix: string,
  match: string,
  cursor: string,
  limit: number,
  serializer: AttributeSerializer,
): Promise<{ records: SessionRecord[]; cursor: string }> {
  const nodes: NodeClient[] = isCluster(connection)
    ? await Promise.all(connection.masters.map((master) => connection.nodeClient(master)))
    : [connection as unknown as NodeClient];
  let [node, position] = cursor === '' ? [0, '0'] : cursor.split(':');
  let nodeIndex = Number(node);
  const records: SessionRecord[] = [];
  while (nodeIndex < nodes.length && records.length < limit) {
    const client = nodes[nodeIndex] as NodeClient;
    const reply = await client.scan(String(position ?? '0'), { MATCH: match, COUNT: Math.max(limit, 10) });
    for (const key of reply.keys.map(String)) {
      const record = fieldsToRecord(key.slice(prefix.length), await client.hGetAll(key), serializer);
      if (record !== undefined) records.push(record);
    }
    position = String(reply.cursor);
    if (position === '0') {
      nodeIndex++;
      position = '0';
    }
  }
  return { records, cursor: nodeIndex >= nodes.length ? '' : `${nodeIndex}:${position}` };
}
