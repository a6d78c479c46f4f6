/**
 * The `allowedHosts` option: which hosts and addresses scripts may call with `http/v4/client`.
 * Entries are host names (`api.example.com`), wildcards of subdomains (`*.example.com`), IP
 * addresses (`127.0.0.1`, `[::1]`) or networks (`10.0.0.0/8`, `fd00::/8`), a name or address
 * optionally with a port (`localhost:8080`, `[::1]:8080`), which then is the only port allowed.
 *
 * A name entry allows the name, not what it resolves to: loopback, private, link-local and the
 * other special addresses (special-addresses.ts) are reached only when an IP entry lists them.
 */
import { BlockList, isIP } from 'node:net';
import { HttpClientRefusedError, InvalidOptionError } from '../../common/errors.js';
import { isSpecialAddress, plainAddress } from './special-addresses.js';

interface NameEntry {
  /** The name, or for a wildcard the suffix with its dot (`.example.com`). */
  name: string;
  wildcard: boolean;
  port: number | undefined;
}

interface AddressEntry {
  addresses: BlockList;
  port: number | undefined;
}

/** A URL's host in plain form and its port (the scheme's default when it names none). */
export function hostAndPort(url: URL): { host: string; port: number } {
  const host = plainAddress(url.hostname.replace(/\.$/, ''));
  return { host, port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port) };
}

export class HostAllowlist {
  readonly #names: NameEntry[] = [];
  readonly #addresses: AddressEntry[] = [];

  /** @throws InvalidOptionError naming `allowedHosts` for an entry that is none of the forms above */
  constructor(entries: readonly string[]) {
    if (!Array.isArray(entries))
      throw new InvalidOptionError('allowedHosts', 'must be an array of host names or addresses');
    for (const entry of entries) this.#add(entry);
  }

  /** True when no host at all is allowed (the default). */
  get empty(): boolean {
    return this.#names.length === 0 && this.#addresses.length === 0;
  }

  /** Throws `ERR_HTTP_CLIENT_REFUSED` unless the URL's scheme, host and port are allowed. */
  checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new HttpClientRefusedError(`${url.protocol} URLs are not allowed, only http: and https:`);
    if (url.username !== '' || url.password !== '')
      throw new HttpClientRefusedError('credentials in the URL are not allowed; send an Authorization header');
    const { host, port } = hostAndPort(url);
    const allowed = isIP(host) === 0 ? this.#nameAllowed(host, port) : this.addressAllowed(host, port, true);
    if (!allowed) throw new HttpClientRefusedError(`host ${url.host} is not in allowedHosts`);
  }

  /**
   * True when a connection to `address:port` is allowed: an address an IP entry lists, or (for a
   * name that a name entry allowed, `literal` false) any address that is not special.
   */
  addressAllowed(address: string, port: number, literal = false): boolean {
    const plain = plainAddress(address);
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    const listed = this.#addresses.some(
      (entry) => (entry.port === undefined || entry.port === port) && entry.addresses.check(plain, family),
    );
    return listed || (!literal && !isSpecialAddress(plain));
  }

  #nameAllowed(host: string, port: number): boolean {
    return this.#names.some(
      (entry) =>
        (entry.port === undefined || entry.port === port) &&
        (entry.wildcard ? host.endsWith(entry.name) && host.length > entry.name.length : host === entry.name),
    );
  }

  #add(raw: unknown): void {
    const bad = (why: string) => new InvalidOptionError('allowedHosts', `entry ${JSON.stringify(raw)} ${why}`);
    if (typeof raw !== 'string' || raw.trim() === '') throw bad('must be a non-empty string');
    const entry = raw.trim().toLowerCase();
    const network = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    if (network !== null) {
      const address = plainAddress(network[1] as string);
      const family = isIP(address);
      const prefix = Number(network[2]);
      if (family === 0 || prefix > (family === 4 ? 32 : 128)) throw bad('is not a valid network (address/prefix)');
      const addresses = new BlockList();
      addresses.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
      this.#addresses.push({ addresses, port: undefined });
      return;
    }
    if (isIP(entry) === 6) {
      this.#addAddress(entry, undefined);
      return;
    }
    const wildcard = entry.startsWith('*.');
    if (entry.slice(wildcard ? 2 : 0).includes('*'))
      throw bad('may hold "*" only as a leading "*." label (`*.example.com`); no entry allows every host');
    let url: URL;
    try {
      url = new URL(`http://${wildcard ? entry.slice(2) : entry}`);
    } catch {
      throw bad('is not a host name, address or network');
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
      throw bad('must be a host, optionally with a port: no scheme, path or credentials');
    const port = url.port === '' ? undefined : Number(url.port);
    const host = plainAddress(url.hostname.replace(/\.$/, ''));
    if (isIP(host) !== 0) {
      if (wildcard) throw bad('cannot be a wildcard of an address');
      this.#addAddress(host, port);
      return;
    }
    this.#names.push({ name: wildcard ? `.${host}` : host, wildcard, port });
  }

  #addAddress(address: string, port: number | undefined): void {
    const plain = plainAddress(address);
    const addresses = new BlockList();
    addresses.addAddress(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
    this.#addresses.push({ addresses, port });
  }
}
