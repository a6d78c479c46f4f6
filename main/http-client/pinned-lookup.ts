/**
 * A DNS lookup whose connections go only to vetted addresses: it resolves the name once, keeps
 * the addresses the allowlist accepts for that name, and hands only those to the socket. The
 * address checked is the address connected to (no second resolution a rebinding DNS server could
 * answer differently).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { HostAllowlist } from './allowlist.js';

/** What the lookup refused, so the caller can tell a refusal from a network failure. */
export interface Refusals {
  /** Set when a lookup found only addresses the allowlist refuses. */
  refused?: string;
}

/** A resolver of names to all their addresses, as `dns.lookup` with `all: true`. */
export type Resolver = (
  hostname: string,
  options: { all: true; family: number | 'IPv4' | 'IPv6' },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * The lookup for one connection. `port` is the port of the URL being fetched (the lookup does
 * not see it); a redirect to another port needs a new lookup. `resolve` is `dns.lookup` but in
 * specs.
 */
export function pinnedLookup(
  allowlist: HostAllowlist,
  port: number,
  refusals: Refusals,
  resolve: Resolver = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error !== null) return callback(error, '', 0);
      const allowed = addresses.filter((entry) => allowlist.addressAllowed(entry.address, port));
      if (allowed.length === 0) {
        refusals.refused = `${hostname} resolves to ${addresses.map((entry) => entry.address).join(', ')}, which allowedHosts does not list`;
        const refused = Object.assign(new Error(refusals.refused), { code: 'ERR_HTTP_CLIENT_REFUSED' });
        return callback(refused, '', 0);
      }
      if (options.all === true) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      const [first] = allowed as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}
