/**
 * Requests the HTTP parser refuses before the runtime sees them, on the server `listen` starts:
 * malformed framing (an invalid header, `Content-Length` with `Transfer-Encoding`, a bare LF, a
 * bad chunk size), a head larger than Node's `maxHeaderSize` (16 KiB), a head not complete within
 * Node's `headersTimeout` (a slowloris client). Node answers them itself and logs nothing; the
 * runtime answers as Node does (400, 431, 413 or 408, `Connection: close`, no body), adds the
 * `X-Request-Id` every response carries, and logs one `info` line per refusal, like an access line:
 * `{ component: "http", reqId, code, status, remoteAddress }`.
 *
 * A refusal in the middle of a request the runtime is already answering (its body broke the
 * chunked framing: a bad chunk size, a chunk extension over Node's limit, a chunk not ended by
 * CRLF) is answered the same way, with that request's `X-Request-Id`, and its access line, with
 * the status and the parser's `code`, is its one line.
 */
import { randomUUID } from 'node:crypto';
import { type ServerResponse, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { javaAddressText } from '../../common/ip-address.js';
import type { Logger } from '../ops/logger.js';
import { REQUEST_ID_HEADER } from '../ops/request-log.js';
import { RuntimeResponse } from './runtime-response.js';

/** The status Node answers for a parser error code (its own table). */
function statusOf(code: string | undefined): number {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

/** True for the errors a client's bytes cause, as opposed to its connection failing (a reset). */
function isRefusal(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('HPE_') || code === 'ERR_HTTP_REQUEST_TIMEOUT');
}

/** Answers and logs the requests the parser of `server` refuses (see the module comment). */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The response being written on this connection, if any: Node's own handler reads the same field.
    const answering = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    const status = statusOf(error.code);
    const refusal = isRefusal(error.code);
    const logged = refusal && answering == null;
    // Refused in the middle of its body: the request's own id, and its access line tells the refusal.
    // A request whose body had all come is not the one refused: the bytes after it (pipelined) are.
    const midBody =
      refusal && answering instanceof RuntimeResponse && !answering.headersSent && !answering.req.complete;
    if (midBody) answering.refusal = { status, code: String(error.code) };
    const reqId = midBody ? answering.requestId : logged ? randomUUID() : undefined;
    if (socket.writable && (answering == null || !answering.headersSent)) {
      const id = reqId === undefined ? '' : `${REQUEST_ID_HEADER}: ${reqId}\r\n`;
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${id}Connection: close\r\n\r\n`);
    }
    if (logged) {
      // As the access line names the client: an IPv4 one of a server on `::` as 127.0.0.1, not ::ffff:127.0.0.1.
      const peer = (socket as Duplex & { remoteAddress?: string }).remoteAddress;
      const remoteAddress = peer === undefined ? undefined : javaAddressText(peer);
      logger.info(
        { component: 'http', reqId, code: error.code, status, remoteAddress },
        `request refused before it reached the runtime: ${status} (${error.code}${'reason' in error ? `: ${String(error.reason)}` : ''})`,
      );
    }
    socket.destroy(error);
  });
}
