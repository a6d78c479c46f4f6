/**
 * The responses of the runtime's own server (`listen`, through `http.createServer`'s
 * `ServerResponse` option). Nothing but the runtime touches them, so it may write their head in
 * one piece (response-head.ts); a response of an embedder's server or of Express is not one.
 */
import { type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, ServerResponse } from 'node:http';

export class RuntimeResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /** The id of the request this answers (its `X-Request-Id`), from the moment the runtime takes it. */
  requestId: string | undefined = undefined;
  /**
   * Set when the HTTP parser refused the request in the middle of its body (a bad chunk size, say):
   * the status it was answered with and the parser's code, for its access line (client-errors.ts).
   */
  refusal: { status: number; code: string } | undefined = undefined;
}

/**
 * The response class of one runtime's server: a head written once `closing()` is true (the
 * runtime shuts down) says `Connection: close`, so a keep-alive client sends no further request on
 * that connection. Checked as the head goes out rather than by keeping the requests' responses in
 * a list for `close()`: a long-lived list holding every response in flight made the main process
 * promote them to the old heap, about 10 µs of garbage collection per request.
 */
export function closingAwareResponse(closing: () => boolean): typeof RuntimeResponse {
  return class ClosingAwareResponse<
    Request extends IncomingMessage = IncomingMessage,
  > extends RuntimeResponse<Request> {
    override writeHead(
      statusCode: number,
      statusMessageOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
      headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
    ): this {
      if (closing()) this.shouldKeepAlive = false;
      return typeof statusMessageOrHeaders === 'object'
        ? super.writeHead(statusCode, statusMessageOrHeaders)
        : super.writeHead(statusCode, statusMessageOrHeaders, headers);
    }
  };
}
