/**
 * Reads an incoming request (body included, up to a limit) into the snapshot a script sees.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestSnapshot } from '../../common/snapshot.js';
import { BodyTooLargeError } from '../../common/errors.js';
import type { ScriptRoute } from './routing.js';

/** Reads the body; rejects with a 413-coded error past `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        reject(new BodyTooLargeError(limit));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks, length)));
    request.on('error', reject);
  });
}

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
    headers: request.headersDistinct as Record<string, string[]>,
    headerNames: headerNamesAsSent(request.rawHeaders),
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

/** Header names in the spelling and order the client sent them, each once (Dirigible's `getHeaderNames()`). */
function headerNamesAsSent(rawHeaders: readonly string[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}
