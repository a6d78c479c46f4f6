/**
 * The request body a script sees: read from the stream with a size limit and a time limit, or,
 * when middleware in front of the runtime (express.json(), express.urlencoded(), express.text(),
 * express.raw() …) already consumed the stream, rebuilt from what it parsed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyConsumedError,
  BodyTimeoutError,
  BodyTooLargeError,
  RequestAbortedError,
  TransferCodingError,
} from '../../common/errors.js';
import { encodeParsedBody } from './parsed-body.js';
import { refuseWithoutContinue, sendContinue } from './expect-continue.js';

/** How long and how large a body may be. */
export interface BodyLimits {
  /** Largest body, bytes; beyond it the answer is 413 (`ERR_BODY_TOO_LARGE`). */
  maxBodySize: number;
  /** Ms the client has to send the whole body; past it the answer is 408 (`ERR_BODY_TIMEOUT`). */
  bodyTimeout: number;
}

/** What body-parser style middleware leaves on the request. */
interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  rawBody?: unknown;
}

/** True when someone else has read the request stream to its end (body-parser's own test). */
export function bodyConsumed(request: IncomingMessage): boolean {
  return request.readableEnded || (request.complete && !request.readable);
}

/**
 * True when the request says it has no body: no `Transfer-Encoding` and no `Content-Length` (or 0).
 * HTTP gives such a request a body of length zero (RFC 9112, 6.3), and Node's parser has already
 * ended its stream, so there is nothing to wait for.
 */
export function declaresNoBody(request: IncomingMessage): boolean {
  const { headers } = request;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length === undefined || length === '0';
}

/** The bytes as sent that middleware which consumed the stream kept (`req.rawBody`, a Buffer), if any. */
export function keptRawBody(request: IncomingMessage): Buffer | undefined {
  const { rawBody } = request as ParsedRequest;
  return Buffer.isBuffer(rawBody) ? rawBody : undefined;
}

/**
 * The body's bytes. A stream another middleware consumed gives nothing when the request said it had
 * no body (`Content-Length: 0`: body-parser still parses that into `{}`, which is not what the
 * client sent), else its `rawBody` (a Buffer) if it kept one, else its parsed `body` encoded as
 * Dirigible would have received it; with neither, it is refused (`ERR_BODY_CONSUMED`, 500) rather
 * than shown to the script as empty.
 */
export async function requestBody(
  request: IncomingMessage,
  response: ServerResponse,
  limits: BodyLimits,
): Promise<Buffer> {
  if (bodyConsumed(request)) return consumedBody(request);
  return readBody(request, response, limits);
}

function consumedBody(request: IncomingMessage): Buffer {
  if (declaresNoBody(request)) return Buffer.alloc(0);
  const raw = keptRawBody(request);
  if (raw !== undefined) return raw;
  const { body } = request as ParsedRequest;
  if (body === undefined) throw new BodyConsumedError();
  return encodeParsedBody(body, request.headers['content-type']);
}

/**
 * Reads the stream; rejects with a 413-coded error past `maxBodySize` bytes, with a 400-coded one
 * (`ERR_REQUEST_ABORTED`) when the client goes away first, and with a 408-coded one when it has
 * not ended `bodyTimeout` ms after the call (the connection is then closed, since the rest of the
 * body may still be on its way). A `Content-Length` beyond `maxBodySize` is refused at once, before
 * a byte of the body is read, and the connection closed after the answer: the client learns what
 * is wrong without sending (or the server waiting for) a body it will not take; a body that passes
 * the limit as it streams in is answered the same way. A transfer coding other than `chunked` is
 * refused with 501, the connection closed.
 */
export function readBody(request: IncomingMessage, response: ServerResponse, limits: BodyLimits): Promise<Buffer> {
  const { maxBodySize, bodyTimeout } = limits;
  if (announcedLength(request) > maxBodySize) {
    response.shouldKeepAlive = false;
    return Promise.reject(new BodyTooLargeError(maxBodySize));
  }
  const coding = unsupportedCoding(request);
  if (coding !== undefined) {
    response.shouldKeepAlive = false;
    return Promise.reject(new TransferCodingError(coding));
  }
  sendContinue(request, response);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const timer = setTimeout(() => {
      response.shouldKeepAlive = false;
      request.pause();
      request.removeAllListeners('data');
      reject(new BodyTimeoutError(bodyTimeout));
    }, bodyTimeout);
    timer.unref();
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBodySize) {
        clearTimeout(timer);
        // As for a Content-Length beyond the limit: the connection ends after the answer, else
        // Node would go on reading whatever the client still sends, for as long as it sends.
        response.shouldKeepAlive = false;
        reject(new BodyTooLargeError(maxBodySize));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks, length));
    });
    // The client went away (Node's parser ends the stream the same way when the body breaks the
    // chunked framing): its doing, not the server's, so a coded error that is not logged as one.
    request.on('error', () => {
      clearTimeout(timer);
      reject(new RequestAbortedError());
    });
  });
}

/**
 * The first transfer coding of the request other than `chunked`, if any. Node's parser accepts a
 * list that ends in `chunked` (`gzip, chunked`) and undoes only `chunked`.
 */
function unsupportedCoding(request: IncomingMessage): string | undefined {
  const codings = request.headers['transfer-encoding'];
  if (codings === undefined || codings.toLowerCase() === 'chunked') return undefined;
  return codings
    .split(',')
    .map((coding) => coding.trim())
    .find((coding) => coding.toLowerCase() !== 'chunked');
}

/** The body length the request's `Content-Length` announces (Node's parser has checked its syntax), or 0. */
function announcedLength(request: IncomingMessage): number {
  const length = request.headers['content-length'];
  return length === undefined ? 0 : Number(length);
}

/**
 * Lets the body of a request that was answered without reading it (404, 403, 401 …) drain, as Node
 * does to keep the connection for the next request, but only as far as `maxBodySize` bytes and
 * `bodyTimeout` ms: past either, the connection is cut. Without the bound a client could send
 * (or trickle) a body to a refused path for as long as Node's own `requestTimeout`, dodging both
 * limits. A request that declares no body, or whose body is in, is left alone; one whose client
 * still waits for `100 Continue` gets `Connection: close` instead (expect-continue.ts).
 */
export function discardBody(request: IncomingMessage, response: ServerResponse, limits: BodyLimits): void {
  if (refuseWithoutContinue(request, response)) return;
  if (request.complete || request.readableEnded || declaresNoBody(request)) {
    request.resume();
    return;
  }
  let length = 0;
  const cut = (): void => {
    request.socket?.destroy();
  };
  const timer = setTimeout(cut, limits.bodyTimeout);
  timer.unref();
  request.on('data', (chunk: Buffer) => {
    length += chunk.length;
    if (length > limits.maxBodySize) cut();
  });
  // A request closes once its body has ended (the connection goes on to the next request), or
  // when its connection goes: either way the clock stops.
  request.once('close', () => clearTimeout(timer));
  request.resume();
}
