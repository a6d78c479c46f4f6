/**
 * The responses of the runtime's own server (`listen`, through `http.createServer`'s
 * `ServerResponse` option). Nothing but the runtime touches them, so it may write their head in
 * one piece (response-head.ts); a response of an embedder's server or of Express is not one.
 */
import { type IncomingMessage, ServerResponse } from 'node:http';

export class RuntimeResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
