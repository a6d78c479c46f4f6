/**
 * Addresses a script may reach only through an explicit IP entry of `allowedHosts`, even when a
 * listed name resolves to them: loopback, private, link-local, shared (CGNAT), unspecified,
 * multicast, reserved and documentation ranges (IANA special-purpose registries, RFC 6890), and
 * the deprecated IPv6 forms that carry an IPv4 address (compatible, translated), whatever they
 * carry; an IPv4-mapped address is judged as the IPv4 address it carries.
 */
import { BlockList, isIP } from 'node:net';
import { mappedIpv4 } from '../../common/ip-address.js';

const special = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  special.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // The unspecified and loopback addresses, and the deprecated IPv4-compatible ones (`::7f00:1`,
  // RFC 4291), which some stacks tunnel to the IPv4 address they carry.
  ['::', 96],
  // IPv4-translated (`::ffff:0:7f00:1`, RFC 2765), for the same reason.
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  special.addSubnet(network, prefix, 'ipv6');
}

/**
 * The address in its plain form: an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`,
 * `::ffff:7f00:1`) becomes the IPv4 address it carries; brackets are dropped.
 */
export function plainAddress(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(bare) !== 6) return bare;
  // A URL writes the address compressed and in hexadecimal, whatever form it was given in.
  return mappedIpv4(new URL(`http://[${bare}]`).hostname.slice(1, -1)) ?? bare.toLowerCase();
}

/**
 * True for an IPv6 address in 0000::/8, reserved by the IETF (no public address lies there): forms
 * near the IPv4-mapped one, such as `0:ffff:7f00:1::`, are not mapped, and not reachable either.
 * Not a `BlockList` rule: `BlockList` checks an IPv4 address against IPv6 rules in its mapped form,
 * which lies in 0000::/8 too.
 */
function inReservedBlock(ipv6: string): boolean {
  const first = ipv6.split(':')[0] ?? '';
  return Number.parseInt(first === '' ? '0' : first, 16) < 0x100;
}

/** True for an address that needs an explicit IP entry (see the header). */
export function isSpecialAddress(address: string): boolean {
  const plain = plainAddress(address);
  const family = isIP(plain);
  if (family === 0) return true;
  if (family === 6 && inReservedBlock(plain)) return true;
  return special.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}
