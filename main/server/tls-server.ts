/**
 * The server `listen` starts: plain HTTP, or HTTPS with the watched certificate pair (Node's
 * default TLS settings: TLS 1.2 and 1.3, HTTP/1.1), its handshakes bounded by
 * `tlsHandshakeTimeout` and their failures logged. A renewed pair goes to the next connection.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Logger } from '../ops/logger.js';
import type { WatchedCertificates } from './tls-certificates.js';
import type { HandshakeFailureReason } from './tls-failure-reasons.js';
import { logHandshakeFailures } from './tls-handshake-failures.js';

/** What an HTTPS server is made with. */
export interface HttpsSetup {
  readonly certificates: WatchedCertificates;
  /** `tlsHandshakeTimeout`, ms. */
  readonly handshakeTimeout: number;
  /** Where failed handshakes are logged. */
  readonly logger: Logger;
  /** Counts a failed handshake (the metrics). */
  readonly counted: (reason: HandshakeFailureReason) => void;
}

/** An HTTP server, or an HTTPS one with `https`; `options` as `http.createServer` takes them. */
export function createListeningServer(
  setup: HttpsSetup | undefined,
  options: http.ServerOptions,
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): http.Server {
  if (setup === undefined) return http.createServer(options, listener);
  const { certificates, handshakeTimeout, logger, counted } = setup;
  let served = certificates.current();
  const server = https.createServer({ ...options, cert: served.cert, key: served.key, handshakeTimeout }, listener);
  logHandshakeFailures(server, logger, counted);
  // Ahead of Node's own listener, which wraps the connection in TLS with the server's context.
  server.prependListener('connection', () => {
    const pair = certificates.current();
    if (pair === served) return;
    server.setSecureContext({ cert: pair.cert, key: pair.key });
    served = pair;
  });
  return server as unknown as http.Server;
}

/** The scheme of the URLs of a server `createListeningServer` made. */
export function schemeOf(server: http.Server): 'http' | 'https' {
  return server instanceof https.Server ? 'https' : 'http';
}
