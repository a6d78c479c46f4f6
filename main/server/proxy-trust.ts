/**
 * Which peers are proxies the runtime trusts (option `trustProxy`): every peer (`true`), or those
 * in a list of addresses, CIDR ranges and a few names of ranges, as Tomcat's RemoteIpValve
 * (`internalProxies`) and Express's `trust proxy` take them. Checked once at start-up.
 */
import { BlockList, isIP } from 'node:net';
import { InvalidOptionError } from '../../common/errors.js';

/** The ranges a name in the list stands for. */
const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** The proxies a runtime trusts, made once from `trustProxy`. */
export interface ProxyTrust {
  /** True when a request from `address` (a peer, or a hop of `X-Forwarded-For`) came through a trusted proxy. */
  trusts(address: string): boolean;
}

/** Trusts every peer (`trustProxy: true`). */
const EVERY_PEER: ProxyTrust = { trusts: () => true };

/** What `trustProxy` takes: `true`, `false`, or the trusted proxies. */
export type TrustProxyOption = boolean | readonly string[];

/**
 * The trust `option` gives, or `undefined` when nothing is trusted (`false`, the default, or an
 * empty list). Throws `ERR_INVALID_OPTION` naming `trustProxy` and the first bad item.
 */
export function resolveProxyTrust(option: unknown): ProxyTrust | undefined {
  if (option === true) return EVERY_PEER;
  if (option === false || option === undefined) return undefined;
  if (!Array.isArray(option))
    throw new InvalidOptionError(
      'trustProxy',
      'must be a boolean or an array of addresses, CIDR ranges, loopback, linklocal, uniquelocal or private',
    );
  if (option.length === 0) return undefined;
  const trusted = new BlockList();
  for (const item of option) addTrusted(trusted, item);
  return { trusts: (address) => trusts(trusted, address) };
}

/** Throws `ERR_INVALID_OPTION` naming `source` unless every item of `items` is a proxy `trustProxy` takes. */
export function checkProxyList(source: string, items: readonly string[]): void {
  const trusted = new BlockList();
  for (const item of items) addTrusted(trusted, item, source);
}

function addTrusted(trusted: BlockList, item: unknown, source = 'trustProxy'): void {
  const text = typeof item === 'string' ? item.trim() : '';
  const named = NAMED_RANGES[text.toLowerCase()];
  const ranges = named ?? [text];
  for (const range of ranges) {
    const [address = '', prefix, ...rest] = range.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (family === 0 || rest.length > 0 || !(length >= 0 && length <= bits))
      throw new InvalidOptionError(
        source,
        `must list addresses (10.0.0.1), CIDR ranges (10.0.0.0/8, fd00::/8), loopback, linklocal, uniquelocal or private (got ${JSON.stringify(item)})`,
      );
    trusted.addSubnet(address, length, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** True when `address` (IPv4, IPv6, an IPv4-mapped IPv6 matching the IPv4 ranges) is in `trusted`. */
function trusts(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
