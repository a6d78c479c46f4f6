/**
 * The options of `RedisStore`, their defaults, and their one check, at construction: an unknown
 * option or a value of the wrong type throws `ERR_INVALID_OPTION` naming it.
 */
import { InvalidOptionError } from '../../../common/errors.js';
import { type AttributeSerializer, identitySerializer } from './redis-layout.js';
import { isCluster, type RedisConnection } from './redis-nodes.js';
import { type SentinelClientOptions, sentinelClientOptions, sentinelUrls } from './redis-sentinel-options.js';
import { checkRedisUrl } from './redis-url.js';

export interface RedisStoreOptions {
  /** `redis://` or `rediss://` URL: the store creates, connects and (on `close`) closes its own client. */
  url?: string;
  /** A node-redis client, cluster client or Sentinel client; the caller connects it, gives it an `error` listener, and closes it. */
  client?: RedisConnection;
  /**
   * Sentinels (`host:port,host:port`, or `redis://` / `rediss://` URLs whose user, password and
   * database are the master's) and the master set's `name`: the store creates, connects and (on
   * `close`) closes its own Sentinel client (redis-sentinel-options.ts).
   */
  sentinel?: { sentinels: string; name: string };
  /** Start of every key. Default `dirigible-session:`. */
  prefix?: string;
  /** How attribute values are stored. Default: their JSON text. */
  serializer?: AttributeSerializer;
  /** `COUNT` hint of each `SCAN` step (`count`, `expiredIds`), and the most one step of `list` asks for. Default 1000. */
  scanCount?: number;
  /** Where connection changes of an owned client, and a cluster client's unreachable nodes and new slot maps, are reported. Default: nowhere. */
  log?: (line: string, level?: 'info' | 'warn') => void;
  /** Longest one store call may wait for Redis, ms; then it fails with `ERR_STORE_UNAVAILABLE`. Default 2000. */
  commandTimeout?: number;
}

/** The options with their defaults filled in, and exactly one of `url`, `client` and `sentinel`. */
export type ResolvedRedisStoreOptions = Required<Omit<RedisStoreOptions, 'url' | 'client' | 'sentinel' | 'log'>> &
  Pick<RedisStoreOptions, 'log'> &
  (
    | { url: string; client?: undefined; sentinel?: undefined }
    | { url?: undefined; client: RedisConnection; sentinel?: undefined }
    | { url?: undefined; client?: undefined; sentinel: SentinelClientOptions }
  );

const KNOWN: Record<keyof RedisStoreOptions, true> = {
  url: true,
  client: true,
  sentinel: true,
  prefix: true,
  serializer: true,
  scanCount: true,
  log: true,
  commandTimeout: true,
};

/** What the store calls on every client, and what it walks keys with (redis-nodes.ts). */
const CLIENT_METHODS = ['hGetAll', 'del', 'pTTL', 'evalSha', 'eval', 'hGet', 'sAdd', 'sRem', 'sMembers'] as const;
const SERVER_SCAN_METHODS = ['scan'] as const;
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
    sentinel,
    prefix = 'dirigible-session:',
    serializer = identitySerializer,
    scanCount = 1000,
    commandTimeout = 2000,
    log,
  } = options;
  if ([url, client, sentinel].filter((given) => given !== undefined).length !== 1)
    throw new InvalidOptionError('RedisStore', 'needs exactly one of "url", "client" and "sentinel"');
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
  if (sentinel !== undefined) return { ...shared, sentinel: checkSentinel(sentinel) };
  return { ...shared, url: checkRedisUrl('url', url) };
}

/** The Sentinel client options of `sentinel`; throws naming `sentinel.sentinels` or `sentinel.name`. */
function checkSentinel(sentinel: unknown): SentinelClientOptions {
  if (typeof sentinel !== 'object' || sentinel === null)
    throw new InvalidOptionError('sentinel', 'must be { sentinels: "host:port,host:port", name: "mymaster" }');
  const { sentinels, name } = sentinel as Record<string, unknown>;
  const urls = sentinelUrls('sentinel.sentinels', sentinels);
  return sentinelClientOptions('sentinel.sentinels', urls, 'sentinel.name', name);
}

/** `client` when it has every method the store calls; else throws naming the first it lacks. */
function checkClient(client: unknown): RedisConnection {
  if (typeof client !== 'object' || client === null)
    throw new InvalidOptionError(
      'client',
      'must be a node-redis client, cluster client or Sentinel client (createClient / createCluster / createSentinel)',
    );
  const connection = client as RedisConnection & Record<string, unknown>;
  const methods = [...CLIENT_METHODS, ...(isCluster(connection) ? CLUSTER_SCAN_METHODS : SERVER_SCAN_METHODS)];
  const missing = methods.find((method) => typeof connection[method] !== 'function');
  if (missing !== undefined)
    throw new InvalidOptionError(
      'client',
      `must be a node-redis client, cluster client or Sentinel client (createClient / createCluster / createSentinel): it has no ${missing}()`,
    );
  return connection;
}
