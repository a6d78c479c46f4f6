/**
 * The node-redis cluster options for a list of node URLs (`--redis-cluster`). node-redis reads a
 * root node's URL only to find the cluster: it reaches every master with the cluster's `defaults`
 * alone. So the user, the password and TLS (`rediss://`) of the URLs go into `defaults` too, else a
 * cluster with a password answered `NOAUTH` and a TLS cluster could not be reached at all.
 */
import { InvalidOptionError } from '../../../common/errors.js';
import { redacted } from './redis-url.js';

export interface ClusterClientOptions {
  rootNodes: { url: string }[];
  defaults: { username?: string; password?: string; socket?: { tls: true } };
}

/**
 * Options for `createCluster` from node URLs already checked by `checkRedisUrl`; throws
 * `ERR_INVALID_OPTION` naming `option` when the URLs differ in scheme, user or password (every
 * master is reached with one set of them).
 * @example clusterClientOptions('--redis-cluster', ['rediss://:pw@n1:6379', 'rediss://:pw@n2:6379'])
 * // { rootNodes: [...], defaults: { password: 'pw', socket: { tls: true } } }
 */
export function clusterClientOptions(option: string, urls: string[]): ClusterClientOptions {
  const parsed = urls.map((url) => new URL(url));
  const first = parsed[0];
  if (first === undefined) throw new InvalidOptionError(option, 'must name at least one node');
  const access = (url: URL) => `${url.protocol}${url.username}:${url.password}`;
  const other = parsed.find((url) => access(url) !== access(first));
  if (other !== undefined)
    throw new InvalidOptionError(
      option,
      `must reach every node alike: same scheme, user and password (got ${redacted(first)} and ${redacted(other)})`,
    );
  const defaults: ClusterClientOptions['defaults'] = {};
  if (first.username !== '') defaults.username = decodeURIComponent(first.username);
  if (first.password !== '') defaults.password = decodeURIComponent(first.password);
  if (first.protocol === 'rediss:') defaults.socket = { tls: true };
  return { rootNodes: urls.map((url) => ({ url })), defaults };
}
