/**
 * An IP address as a servlet container hands it to scripts. A server listening on both IPv4 and
 * IPv6 (`::`, Node's default when no host is given) sees an IPv4 client as the IPv4-mapped IPv6
 * address `::ffff:127.0.0.1`; Java reports such a client as the IPv4 address it is (`127.0.0.1`),
 * so Dirigible scripts compare and log plain dotted addresses.
 */

const IPV4_MAPPED = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/**
 * `address` with an IPv4-mapped IPv6 address written as its IPv4 address; any other address as
 * it is.
 * @example javaAddressText('::ffff:127.0.0.1') // '127.0.0.1'
 */
export function javaAddressText(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

/**
 * A host name as it goes into a URL's authority: an IPv6 address (the server's own, taken when the
 * request named no host) in brackets, `[::1]`; a name or an IPv4 address as it is.
 */
export function urlHostText(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
