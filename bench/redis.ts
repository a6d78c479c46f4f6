/**
 * `npm run bench:redis`: only the Redis rows of `npm run bench` (same settings, same table).
 */
import { printRun } from './print.js';
import { readSettings } from './settings.js';
import { redisRows } from './targets/redis.js';

const settings = readSettings();
printRun(await redisRows(settings), settings, 'Basic Usage, sessions in Redis,');
