/**
 * What a trusted proxy says of a request (option `trustProxy`, docs/embedding.md "Behind a
 * proxy"), read once per request and only when the peer is trusted, as Tomcat's RemoteIpValve
 * reads it:
 * - the client: `X-Forwarded-For` walked from the right, each hop a trusted proxy passing on the
 *   address before it; the first untrusted address is the client. An entry that is no IP address
 *   stops the walk: the last good hop is the client;
 * - `X-Forwarded-Proto` (its first value `https`): the request is secure;
 * - `X-Forwarded-Host` and `X-Forwarded-Port`, only with option `trustForwardedHost` (Tomcat's
 *   `hostHeader` and `portHeader`): the host and port the client asked for, when each is one line
 *   of one value that is a `host[:port]` (a port), else ignored: a proxy sets them, it does not
 *   append to them. Off by default, as a proxy that neither sets nor clears them passes a client's on.
 * Nothing of this is read when the runtime trusts no proxy (the default).
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { ProxyTrust } from './proxy-trust.js';
import { isHostValue } from './request-host.js';

/** What the trusted peer of a request said. */
export interface Forwarded {
  /** The client's address (the peer's when `X-Forwarded-For` names none). */
  readonly client: string;
  /** True when `X-Forwarded-Proto` says `https`. */
  readonly secure: boolean;
  /** `X-Forwarded-Host`, a `host[:port]`, when given and `trustForwardedHost` is on. */
  readonly host: string | undefined;
  /** `X-Forwarded-Port`, when given and `trustForwardedHost` is on. */
  readonly port: number | undefined;
}

/** The requests whose peer is trusted, with what it said: read by the snapshot, the cross-site check and the log. */
const FORWARDED = new WeakMap<IncomingMessage, Forwarded>();

/**
 * Reads what the peer of `request` says, when `trust` trusts it, and keeps it for `forwardedOf`;
 * `X-Forwarded-Host` and `X-Forwarded-Port` only when `withHost` (option `trustForwardedHost`).
 * Called once, as the request comes in.
 */
export function readForwarded(request: IncomingMessage, trust: ProxyTrust, withHost: boolean): void {
  const peer = request.socket.remoteAddress;
  if (peer === undefined || !trust.trusts(peer)) return;
  const { headers } = request;
  const proto = headers['x-forwarded-proto'];
  FORWARDED.set(request, {
    client: forwardedClient(peer, headers['x-forwarded-for'], trust),
    secure: (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase() === 'https',
    host: withHost ? forwardedHost(request) : undefined,
    port: withHost ? forwardedPort(request) : undefined,
  });
}

/** `X-Forwarded-Host` when it is one `host[:port]`, else `undefined`. */
function forwardedHost(request: IncomingMessage): string | undefined {
  const host = singleValue(request, 'x-forwarded-host');
  return host !== undefined && host !== '' && isHostValue(host) ? host : undefined;
}

/** `X-Forwarded-Port` when it is one port (1 to 65535), else `undefined`. */
function forwardedPort(request: IncomingMessage): number | undefined {
  const port = singleValue(request, 'x-forwarded-port');
  return port !== undefined && /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535
    ? Number(port)
    : undefined;
}

/** What the trusted peer of `request` said, or `undefined` when the peer is not trusted (or nothing is). */
export function forwardedOf(request: IncomingMessage): Forwarded | undefined {
  return FORWARDED.get(request);
}

/** The client `X-Forwarded-For` names, walked from the right while each hop is trusted. */
function forwardedClient(peer: string, header: string | string[] | undefined, trust: ProxyTrust): string {
  if (header === undefined) return peer;
  // Node joins the lines of a repeated X-Forwarded-For with ", ", in the order they came.
  const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
  let client = peer;
  for (let index = hops.length - 1; index >= 0 && trust.trusts(client); index--) {
    const hop = ipAddress(hops[index] as string);
    if (hop === undefined) break;
    client = hop;
  }
  return client;
}

/** The IP address `text` is (an IPv6 one may be in brackets), or `undefined`. */
function ipAddress(text: string): string | undefined {
  const trimmed = text.trim();
  const bare = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return isIP(bare) === 0 ? undefined : bare;
}

/** The value of header `name` when it came on one line with no comma, trimmed; else `undefined`. */
function singleValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  if (typeof value !== 'string' || value.includes(',')) return undefined;
  // Node joins repeated lines of an unknown header with ", ": one line is a value without a comma.
  return value.trim();
}
