/**
 * Run by `redis-close.spec.ts` in a process of its own: makes a `RedisStore` from the URL in its
 * first argument and closes it at once, while the store's first connection is still being made.
 * Prints `closed`; the process must then exit by itself, nothing left open.
 */
import { RedisStore } from '../../main/session/redis/redis-store.js';

const store = new RedisStore({ url: process.argv[2] as string });
await store.close();
process.stdout.write('closed\n');
