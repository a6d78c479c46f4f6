/**
 * The `Host` check of every script request (RFC 9112 §3.2): a server must answer 400 to a request
 * with more than one `Host` line or a value that is no host. Node's server refuses an HTTP/1.1
 * request without one; it takes the first of two, where a proxy in front may have taken the other.
 */
import type { IncomingMessage } from 'node:http';
import { InvalidHostError } from '../../common/errors.js';

/**
 * `uri-host [":" port]` (RFC 3986): an IP literal in brackets, or a name of unreserved characters,
 * sub-delimiters and percent escapes; empty is allowed (a target with no authority).
 */
const HOST_VALUE = /^(?:\[[0-9A-Fa-f:.]+\]|\[v[0-9A-Fa-f]+\.[\w.~!$&'()*+,;=:-]+\]|[\w.~!$&'()*+,;=%-]*)(?::\d*)?$/;

/** Throws `ERR_INVALID_HOST` (400) for a request whose `Host` is sent twice or is not `host[:port]`. */
export function checkHost(request: IncomingMessage): void {
  const raw = request.rawHeaders;
  let lines = 0;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') lines++;
  }
  if (lines > 1) throw new InvalidHostError(`is sent ${lines} times`);
  const host = request.headers.host;
  if (host !== undefined && !HOST_VALUE.test(host)) throw new InvalidHostError('is not host[:port]');
}

/** True when `value` is a `host[:port]` naming a host (not empty, no empty port), as a proxy's `X-Forwarded-Host` must be. */
export function isHostValue(value: string): boolean {
  return HOST_VALUE.test(value) && !value.startsWith(':') && !value.endsWith(':');
}
