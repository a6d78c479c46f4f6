/**
 * The check of `serve --host`. Node's `listen` takes an empty host as "every interface", so an
 * empty `--host "$HOST"` of an unset variable would open the server to the network while the
 * default is 127.0.0.1; and it takes no brackets, which the printed URL puts around IPv6 addresses.
 */
import { InvalidOptionError } from '../../common/errors.js';

/**
 * Refuses an empty or blank host, and an IPv6 address in brackets, naming `source`.
 * @example checkListenHost('--host', '[::1]') // throws: write it without brackets (::1)
 */
export function checkListenHost(source: string, host: string): void {
  if (host.trim() === '')
    throw new InvalidOptionError(source, 'must not be empty (0.0.0.0 or :: listens on every interface)');
  const bracketed = /^\[(.*)\]$/.exec(host);
  if (bracketed !== null)
    throw new InvalidOptionError(source, `takes an IPv6 address without brackets: ${bracketed[1]} (got ${host})`);
}
