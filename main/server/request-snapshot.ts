/**
 * Turns an incoming request (its body read by request-body.ts) into the snapshot a script sees.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestSnapshot, RequestUser } from '../../common/snapshot.js';
import type { UploadSnapshot } from '../../common/upload.js';
import { expressClientAddress, expressSecure } from './express-request.js';
import { mountPrefix } from './mount-prefix.js';
import type { ScriptRoute } from './routing.js';

/**
 * True when the request came over TLS, or said so through a trusted proxy: with `trustProxy`, or
 * through an app whose proxy-trust setting makes it secure (Express's `req.secure`, Fastify's
 * `request.protocol` as @fastify/middie copies it: express-request.ts).
 */
export function isSecureRequest(request: IncomingMessage, trustProxy: boolean): boolean {
  if ((request.socket as TLSSocket).encrypted === true || expressSecure(request)) return true;
  if (!trustProxy) return false;
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
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
  const hostHeader = request.headers.host ?? '';
  const hostMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
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
    remoteAddress: expressClientAddress(request) ?? socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    localAddress: socket.localAddress ?? '',
    localPort,
    serverName: hostMatch?.[1] ?? socket.localAddress ?? 'localhost',
    serverPort:
      hostMatch?.[2] !== undefined ? Number(hostMatch[2]) : hostMatch !== null ? (secure ? 443 : 80) : localPort,
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
