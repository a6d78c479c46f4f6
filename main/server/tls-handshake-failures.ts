/**
 * Failed TLS handshakes on the HTTPS server `listen` starts: Node closes such a connection and
 * logs nothing; the runtime logs one line per failure, `{ component: "tls", code, remoteAddress }`:
 * at `info` for a client that broke the handshake (plain HTTP sent to the port, no protocol or
 * cipher in common, an alert: the client does not trust the certificate) or did not finish it
 * within `tlsHandshakeTimeout` (`ERR_TLS_HANDSHAKE_TIMEOUT`); at `debug` for a connection closed
 * before its handshake ended (`ECONNRESET`: a load balancer's TCP check, a port scan, a client
 * that drops a certificate it does not trust without telling why). Each is counted under a reason
 * (`dirigible_tls_handshake_failures_total`).
 */
import type { Socket } from 'node:net';
import type { Server } from 'node:tls';
import { javaAddressText } from '../../common/ip-address.js';
import type { Logger } from '../ops/logger.js';
import { type HandshakeFailureReason, handshakeFailureReason } from './tls-failure-reasons.js';

/** A TLS socket as its server made it: `_parent` is the TCP socket it wraps (Node's own field). */
type ServerTlsSocket = Socket & { _parent?: Socket | null };

/** The text after OpenSSL's `error:0A00009C:SSL routines:ssl3_get_record:` prefix, else the message. */
function reasonOf(error: NodeJS.ErrnoException & { reason?: unknown }): string {
  if (typeof error.reason === 'string' && error.reason !== '') return error.reason;
  return error.message;
}

/**
 * Logs the failed handshakes of `server` (see the module comment), and tells `counted` why each
 * failed.
 */
export function logHandshakeFailures(
  server: Server,
  logger: Logger,
  counted: (reason: HandshakeFailureReason) => void,
): void {
  // The TCP socket forgets its peer once closed, and a failed handshake has closed it: asked now,
  // the peer is kept on the socket (ahead of Node's listener, which wraps it in TLS).
  server.prependListener('connection', (socket: Socket) => void socket.remoteAddress);
  server.on('tlsClientError', (error: NodeJS.ErrnoException, socket: ServerTlsSocket) => {
    const peer = socket._parent?.remoteAddress ?? socket.remoteAddress;
    const remoteAddress = peer === undefined ? undefined : javaAddressText(peer);
    const fields = { component: 'tls', code: error.code, remoteAddress };
    counted(handshakeFailureReason(error.code));
    if (error.code === 'ECONNRESET')
      logger.debug(fields, 'TLS handshake not finished: the client closed the connection');
    else logger.info(fields, `TLS handshake failed: ${error.code} (${reasonOf(error)})`);
  });
}
