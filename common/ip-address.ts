/**
 * IP address texts as the main process and the scripts' facade both need them: an IPv4-mapped
 * IPv6 address taken as the IPv4 address it carries (the HTTP client judges where it may connect by
 * it; scripts are told their client's address as Java reports it), and a host as a URL's
 * authority writes it.
 */

/**
 * An IPv4-mapped IPv6 address (`::ffff:0:0/96`): its IPv4 part dotted, as sockets write it
 * (`::ffff:127.0.0.1`), or as two hexadecimal words, as URLs do (`::ffff:7f00:1`).
 */
const IPV4_MAPPED = /^::ffff:(?:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i;

/**
 * The IPv4 address an IPv4-mapped IPv6 address carries, dotted; undefined for any other address.
 * `address` is written without brackets, in the compressed form sockets and URLs give.
 * @example mappedIpv4('::ffff:127.0.0.1') // '127.0.0.1'
 * @example mappedIpv4('::ffff:7f00:1') // '127.0.0.1'
 * @example mappedIpv4('::1') // undefined
 */
export function mappedIpv4(address: string): string | undefined {
  const match = IPV4_MAPPED.exec(address);
  if (match === null) return undefined;
  const [, dotted, high = '0', low = '0'] = match;
  if (dotted !== undefined) return dotted;
  return [high, low].flatMap((word) => [Number.parseInt(word, 16) >> 8, Number.parseInt(word, 16) & 255]).join('.');
}

/**
 * `address` as a servlet container hands it to scripts: an IPv4-mapped IPv6 address as the IPv4
 * address it carries, any other as it is. A server listening on both IPv4 and IPv6 (`::`, Node's
 * default when no host is given) sees an IPv4 client as `::ffff:127.0.0.1`; Java reports such a
 * client as `127.0.0.1`, so Dirigible scripts compare and log plain dotted addresses.
 * @example javaAddressText('::ffff:127.0.0.1') // '127.0.0.1'
 */
export function javaAddressText(address: string): string {
  return mappedIpv4(address) ?? address;
}

/**
 * A host name as it goes into a URL's authority: an IPv6 address in brackets, `[::1]`; a name, an
 * IPv4 address or an already bracketed address as it is.
 * @example urlHostText('::1') // '[::1]'
 */
export function urlHostText(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
