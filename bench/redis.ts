/**
 * `npm run bench:redis`: only the Redis rows of `npm run bench` (same settings, same table).
 */
import { formatTable } from './report.js';
import { readSettings } from './settings.js';
import { redisRows } from './targets/redis.js';

const settings = readSettings();
const rows = await redisRows(settings);
console.log(
  `\nBasic Usage over HTTP keep-alive, ${settings.connections} connections, ${settings.seconds} s per row (${settings.warmupSeconds} s warm-up), sessions in Redis\n`,
);
console.log(formatTable(rows));
if (rows.length === 0 || rows.some((row) => row.failures > 0)) process.exitCode = 1;
