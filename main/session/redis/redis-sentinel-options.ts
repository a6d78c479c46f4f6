/**
 * The node-redis Sentinel options for a list of sentinels (`--redis-sentinel`) and a master set's
 * name (`--redis-sentinel-name`). A sentinel is `host:port` (port 26379 when left out) or a
 * `redis://` / `rediss://` URL; the user, password and database of the URLs are the master's (the
 * sentinels hand out its address, not how to log in), `rediss://` means TLS to the sentinels and
 * the master alike. Every sentinel must be reached alike, as every cluster node must
 * (redis-cluster-options.ts).
 */
import { InvalidOptionError } from '../../../common/errors.js';
import { clusterClientOptions } from './redis-cluster-options.js';
import { checkRedisUrl } from './redis-url.js';

/** A sentinel given as `host`, `host:port`, `[v6]` or `[v6]:port` (a `/database` after it), not as a URL. */
const HOST_AND_PORT = /^(\[[^\]/@]*\]|[^:/@[\]]+)(:\d*)?(\/\d*)?$/;
/** Where the sentinels listen unless told. */
const SENTINEL_PORT = 26379;

/** What `createSentinel` needs from the options, before the store adds its own socket settings. */
export interface SentinelClientOptions {
  name: string;
  sentinelRootNodes: { host: string; port: number }[];
  /** How the master (and any replica) is reached: user, password, database, TLS. */
  node: { username?: string; password?: string; database?: number; tls: boolean };
}

/**
 * The sentinel URLs of `sentinels` (`host:port,host:port`, or URLs), each checked by
 * `checkRedisUrl`; throws `ERR_INVALID_OPTION` naming `option` when one is empty or malformed.
 * @example sentinelUrls('redisSentinel', 's1:26379,s2') // ['redis://s1:26379', 'redis://s2:26379']
 */
export function sentinelUrls(option: string, sentinels: unknown): string[] {
  if (typeof sentinels !== 'string' || sentinels.trim() === '')
    throw new InvalidOptionError(option, 'must list the sentinels as host:port,host:port');
  return sentinels.split(',').map((entry) => {
    const text = entry.trim();
    if (text === '')
      throw new InvalidOptionError(option, 'must not have an empty entry (two commas, or one at an end)');
    // Only a bare `host` or `host:port` gets the scheme put before it: anything else (`redis:/:secret@host`,
    // a slash left out) is checked as the URL it was meant to be, and its password hidden as a URL's is.
    const url = checkRedisUrl(option, HOST_AND_PORT.test(text) ? `redis://${text}` : text);
    const parsed = new URL(url);
    if (parsed.hostname === '') throw new InvalidOptionError(option, `must name a host in every entry (got ${text})`);
    return url;
  });
}

/**
 * The options of a Sentinel client for the checked `urls` and the master set `name`; throws
 * `ERR_INVALID_OPTION` naming `option` when the URLs differ in scheme, user, password or database,
 * or `nameOption` when the name is missing or empty.
 */
export function sentinelClientOptions(
  option: string,
  urls: string[],
  nameOption: string,
  name: unknown,
): SentinelClientOptions {
  if (typeof name !== 'string' || name.trim() === '')
    throw new InvalidOptionError(nameOption, `must name the master set the sentinels watch (such as mymaster)`, [
      option,
    ]);
  const { defaults } = clusterClientOptions(option, urls);
  const parsed = urls.map((url) => new URL(url));
  const databases = new Set(parsed.map((url) => url.pathname.replace(/^\//, '')));
  if (databases.size > 1) throw new InvalidOptionError(option, 'must name the same database in every entry (or none)');
  const database = [...databases][0] ?? '';
  const node: SentinelClientOptions['node'] = { tls: defaults.socket?.tls === true };
  if (defaults.username !== undefined) node.username = defaults.username;
  if (defaults.password !== undefined) node.password = defaults.password;
  if (database !== '') node.database = Number(database);
  return {
    name: name.trim(),
    sentinelRootNodes: parsed.map((url) => ({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? SENTINEL_PORT : Number(url.port),
    })),
    node,
  };
}
