/**
 * What the Redis server spent: its CPU time (`INFO cpu`: `used_cpu_user` + `used_cpu_sys`, every
 * cost included, parsing and network too) and the commands it ran (`INFO commandstats`: calls per
 * command, those a Lua script makes counted too). Read before and after the measured window, the
 * difference per request is what one request costs Redis, and so how many requests one Redis core
 * can serve for every node together. (The `usec` of commandstats is not added up: a script's
 * `usec` already contains the `usec` of the commands it calls, which are listed again.)
 */
import { createClient } from 'redis';
import type { RedisPerRequest } from '../row.js';

/** Calls of every command added up, and the server's CPU time so far (µs). */
export interface CommandTotals {
  calls: number;
  micros: number;
}

/**
 * Parses `INFO cpu` and `INFO commandstats` text (`used_cpu_user:1.234567` and
 * `cmdstat_hgetall:calls=3,usec=12,...` lines) into totals.
 */
export function parseCommandStats(info: string): CommandTotals {
  const totals = { calls: 0, micros: 0 };
  for (const line of info.split(/\r?\n/)) {
    const cpu = /^used_cpu_(user|sys):([\d.]+)$/.exec(line);
    if (cpu !== null) totals.micros += Math.round(Number(cpu[2]) * 1e6);
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    // Our own INFO, and the handshake of our reading connection, are not the target's work.
    if (match === null || /^(info|hello|client)/.test(match[1] ?? '')) continue;
    totals.calls += Number(match[2]);
  }
  return totals;
}

/** Reads the totals of the Redis at `url` (one short connection per reading). */
export async function readCommandTotals(url: string): Promise<CommandTotals> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return parseCommandStats(`${await client.info('cpu')}\n${await client.info('commandstats')}`);
  } finally {
    await client.close();
  }
}

/** Redis cost per request between two readings. */
export function redisPerRequest(before: CommandTotals, after: CommandTotals, requests: number): RedisPerRequest {
  const per = (value: number) => (requests > 0 ? value / requests : 0);
  return { micros: per(after.micros - before.micros), commands: per(after.calls - before.calls) };
}
