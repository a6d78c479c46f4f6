/**
 * Turns an incoming request (its body read by request-body.ts) into the snapshot a script sees.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestSnapshot, RequestUser } from '../../common/snapshot.js';
import type { UploadSnapshot } from '../../common/upload.js';
import { javaAddressText } from '../../common/ip-address.js';
import { expressClientAddress, expressSecure } from './express-request.js';
import { forwardedOf } from './forwarded.js';
import { mountPrefix } from './mount-prefix.js';
import type { ScriptRoute } from './routing.js';

/**
 * True when the request came over TLS, or said so through a trusted proxy: a peer `trustProxy`
 * trusts (forwarded.ts), or an app whose proxy-trust setting makes it secure (Express's
 * `req.secure`, Fastify's `request.protocol` as @fastify/middie copies it: express-request.ts).
 */
export function isSecureRequest(request: IncomingMessage): boolean {
  return (
    (request.socket as TLSSocket).encrypted === true || expressSecure(request) || forwardedOf(request)?.secure === true
  );
}

/**
 * The client's address as the log lines name it: the app's (`req.ip`, by its own proxy trust),
 * else the one a peer `trustProxy` trusts names in `X-Forwarded-For`, else the peer's (none for a
 * request without a socket: one an embedder made up); an IPv4-mapped one as the IPv4 address it
 * carries, as scripts see it (`request.getRemoteAddress()`), on a server listening on `::` too.
 */
export function clientAddress(request: IncomingMessage): string | undefined {
  const address = clientAddressAsGiven(request);
  return address === undefined ? undefined : javaAddressText(address);
}

/** The client's address as it came (`clientAddress` before the IPv4-mapped form is undone; the facade undoes it for scripts). */
function clientAddressAsGiven(request: IncomingMessage): string | undefined {
  return expressClientAddress(request) ?? forwardedOf(request)?.client ?? request.socket?.remoteAddress;
}

/** What the runtime knows of a request besides the request itself. */
export interface RequestFacts {
  /** The body, read by request-body.ts. */
  body: Buffer;
  /** The parts of a multipart body, when it is one. */
  upload: UploadSnapshot | undefined;
  /** The authenticated user, if any. */
  user: RequestUser | undefined;
  /** Epoch ms when the request was received. */
  time: number;
  secure: boolean;
  /** True when the session id came in the cookie. */
  cookieSent: boolean;
}

/** The snapshot of `request`, routed to `route`, that the script sees. */
export function requestSnapshot(
  request: IncomingMessage,
  route: ScriptRoute,
  { body, upload, user, time, secure, cookieSent }: RequestFacts,
): RequestSnapshot {
  const socket = request.socket;
  const localPort = socket.localPort ?? 0;
  // A trusted proxy's X-Forwarded-Host and X-Forwarded-Port name the host and port the client asked for.
  const forwarded = forwardedOf(request);
  const hostHeader = forwarded?.host ?? request.headers.host ?? '';
  const hostMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  const defaultPort = forwarded?.port ?? (secure ? 443 : 80);
  const mountPath = mountPrefix(request);
  const snapshot: RequestSnapshot = {
    time,
    method: request.method ?? 'GET',
    url: mountPath + (request.url ?? '/'),
    protocol: `HTTP/${request.httpVersion}`,
    scheme: secure ? 'https' : 'http',
    secure,
    rawHeaders: request.rawHeaders,
    body,
    remoteAddress: clientAddressAsGiven(request) ?? '',
    remotePort: socket.remotePort ?? 0,
    localAddress: socket.localAddress ?? '',
    localPort,
    serverName: hostMatch?.[1] ?? socket.localAddress ?? 'localhost',
    serverPort: hostMatch?.[2] !== undefined ? Number(hostMatch[2]) : hostMatch !== null ? defaultPort : localPort,
    mountPath,
    contextPath: route.mount,
    scriptPath: route.script,
    resourcePath: route.resourcePath,
    cookieSent,
  };
  if (user !== undefined) snapshot.user = user;
  if (upload !== undefined) snapshot.upload = upload;
  return snapshot;
}
