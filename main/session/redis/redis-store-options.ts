/**
 * The options of `RedisStore`, their defaults, and their one check, at construction: an unknown
 * option or a value of the wrong type throws `ERR_INVALID_OPTION` naming it.
 */
import { InvalidOptionError } from '../../../common/errors.js';
import { type AttributeSerializer, identitySerializer } from './redis-layout.js';
import { isCluster, type RedisConnection } from './redis-nodes.js';
import { checkRedisUrl } from './redis-url.js';

export interface RedisStoreOptions {
  /** `redis://` or `rediss://` URL: the store creates, connects and (on `close`) closes its own client. */
  url?: string;
  /** A node-redis client or cluster client; the caller connects it, gives it an `error` listener, and closes it. */
  client?: RedisConnection;
  /** Start of every key. Default `dirigible-session:`. */
  prefix?: string;
  /** How attribute values are stored. Default: their JSON text. */
  serializer?: AttributeSerializer;
  /** `COUNT` hint of each `SCAN` step (`count`, `expiredIds`), and the most one step of `list` asks for. Default 1000. */
  scanCount?: number;
  /** Where connection changes of an owned client are reported. Default: nowhere. */
  log?: (line: string, level?: 'info' | 'warn') => void;
  /** Longest one store call may wait for Redis, ms; then it fails with `ERR_STORE_UNAVAILABLE`. Default 2000. */
  commandTimeout?: number;
}

/** The options with their defaults filled in, and exactly one of `url` and `client`. */
export type ResolvedRedisStoreOptions = Required<Omit<RedisStoreOptions, 'url' | 'client' | 'log'>> &
  Pick<RedisStoreOptions, 'log'> &
  ({ url: string; client?: undefined } | { url?: undefined; client: RedisConnection });

const KNOWN: Record<keyof RedisStoreOptions, true> = {
  url: true,
  client: true,
  prefix: true,
  serializer: true,
  scanCount: true,
  log: true,
  commandTimeout: true,
};

/** What the store calls on every client, and what it walks keys with (redis-nodes.ts). */
const CLIENT_METHODS = ['hGetAll', 'del', 'pTTL', 'evalSha', 'eval', 'hGet', 'sAdd', 'sRem', 'sMembers'] as const;
const SERVER_SCAN_METHODS = ['scan', 'scanIterator'] as const;
const CLUSTER_SCAN_METHODS = ['nodeClient'] as const;

/**
 * Checks `options` and fills in the defaults.
 * @throws `ERR_INVALID_OPTION` naming the first unknown option or bad value
 */
export function resolveRedisStoreOptions(options: RedisStoreOptions): ResolvedRedisStoreOptions {
  if (typeof options !== 'object' || options === null)
    throw new InvalidOptionError('RedisStore', 'takes an options object ({ url } or { client })');
  const unknown = Object.keys(options).filter((name) => !Object.hasOwn(KNOWN, name));
  if (unknown.length > 0)
    throw new InvalidOptionError(unknown.join('", "'), 'is not an option of RedisStore (misspelled?)');
  const {
    url,
    client,
    prefix = 'dirigible-session:',
    serializer = identitySerializer,
    scanCount = 1000,
    commandTimeout = 2000,
    log,
  } = options;
  if ((url === undefined) === (client === undefined))
    throw new InvalidOptionError('RedisStore', 'needs exactly one of "url" and "client"');
  if (typeof prefix !== 'string') throw new InvalidOptionError('prefix', 'must be a string');
  if (typeof serializer?.serialize !== 'function' || typeof serializer.deserialize !== 'function')
    throw new InvalidOptionError('serializer', 'must have serialize(json) and deserialize(stored) functions');
  if (!(Number.isInteger(scanCount) && scanCount > 0))
    throw new InvalidOptionError('scanCount', 'must be a whole number > 0');
  if (!(Number.isInteger(commandTimeout) && commandTimeout > 0))
    throw new InvalidOptionError('commandTimeout', 'must be a whole number of ms > 0');
  if (log !== undefined && typeof log !== 'function')
    throw new InvalidOptionError('log', 'must be a function (line, level) => void');
  const shared = { prefix, serializer, scanCount, commandTimeout, ...(log === undefined ? {} : { log }) };
  if (client !== undefined) return { ...shared, client: checkClient(client) };
  return { ...shared, url: checkRedisUrl('url', url) };
}

/** `client` when it has every method the store calls; else throws naming the first it lacks. */
function checkClient(client: unknown): RedisConnection {
  if (typeof client !== 'object' || client === null)
    throw new InvalidOptionError(
      'client',
      'must be a node-redis client or cluster client (createClient / createCluster)',
    );
  const connection = client as RedisConnection & Record<string, unknown>;
  const methods = [...CLIENT_METHODS, ...(isCluster(connection) ? CLUSTER_SCAN_METHODS : SERVER_SCAN_METHODS)];
  const missing = methods.find((method) => typeof connection[method] !== 'function');
  if (missing !== undefined)
    throw new InvalidOptionError(
      'client',
      `must be a node-redis client or cluster client (createClient / createCluster): it has no ${missing}()`,
    );
  return connection;
}
