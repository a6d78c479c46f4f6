/**
 * Turns an incoming request (its body read by request-body.ts) into the snapshot a script sees.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestSnapshot } from '../../common/snapshot.js';
import type { ScriptRoute } from './routing.js';

/** True when the request came over TLS, or said so through a trusted proxy. */
export function isSecureRequest(request: IncomingMessage, trustProxy: boolean): boolean {
  if ((request.socket as TLSSocket).encrypted === true) return true;
  if (!trustProxy) return false;
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

export function requestSnapshot(
  request: IncomingMessage,
  route: ScriptRoute,
  body: Buffer,
  time: number,
  secure: boolean,
  cookieSent: boolean,
): RequestSnapshot {
  const socket = request.socket;
  const localPort = socket.localPort ?? 0;
  const hostHeader = request.headers.host ?? '';
  const hostMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  return {
    time,
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    protocol: `HTTP/${request.httpVersion}`,
    scheme: secure ? 'https' : 'http',
    secure,
    rawHeaders: request.rawHeaders,
    body,
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    localAddress: socket.localAddress ?? '',
    localPort,
    serverName: hostMatch?.[1] ?? socket.localAddress ?? 'localhost',
    serverPort:
      hostMatch?.[2] !== undefined ? Number(hostMatch[2]) : hostMatch !== null ? (secure ? 443 : 80) : localPort,
    contextPath: route.mount,
    scriptPath: route.script,
    resourcePath: route.resourcePath,
    cookieSent,
  };
}
