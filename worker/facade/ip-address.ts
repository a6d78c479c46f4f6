/**
 * An IP address as a servlet container hands it to scripts. A server listening on both IPv4 and
 * IPv6 (`::`, Node's default when no host is given) sees an IPv4 client as the IPv4-mapped IPv6
 * address `::ffff:127.0.0.1`; Java reports such a client as the IPv4 address it is (`127.0.0.1`),
 * so Dirigible scripts compare and log plain dotted addresses.
 */
import { mappedIpv4 } from '../../common/ip-address.js';

/**
 * `address` with an IPv4-mapped IPv6 address written as its IPv4 address; any other address as
 * it is.
 * @example javaAddressText('::ffff:127.0.0.1') // '127.0.0.1'
 */
export function javaAddressText(address: string): string {
  return mappedIpv4(address) ?? address;
}
