/**
 * What the Redis server spent: `INFO commandstats` lists, per command, its calls and the
 * microseconds spent executing it. Read before and after the measured window, the difference per
 * request is what one request costs Redis, and so how many requests one Redis core can serve for
 * every node together.
 */
import { createClient } from 'redis';
import type { RedisPerRequest } from '../row.js';

/** Calls and microseconds of every command, added up. */
export interface CommandTotals {
  calls: number;
  micros: number;
}

/** Parses `INFO commandstats` (`cmdstat_hgetall:calls=3,usec=12,...` lines) into totals. */
export function parseCommandStats(info: string): CommandTotals {
  const totals = { calls: 0, micros: 0 };
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
    // Our own INFO, and the handshake of our reading connection, are not the target's work.
    if (match === null || /^(info|hello|client)/.test(match[1] ?? '')) continue;
    totals.calls += Number(match[2]);
    totals.micros += Number(match[3]);
  }
  return totals;
}

/** Reads the totals of the Redis at `url` (one short connection per reading). */
export async function readCommandTotals(url: string): Promise<CommandTotals> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return parseCommandStats(await client.info('commandstats'));
  } finally {
    await client.close();
  }
}

/** Redis cost per request between two readings. */
export function redisPerRequest(before: CommandTotals, after: CommandTotals, requests: number): RedisPerRequest {
  const per = (value: number) => (requests > 0 ? value / requests : 0);
  return { micros: per(after.micros - before.micros), commands: per(after.calls - before.calls) };
}
