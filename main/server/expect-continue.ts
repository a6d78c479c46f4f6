/**
 * `Expect: 100-continue` (RFC 9110, 10.1.1): a client that would rather not send a large body the
 * server is going to refuse sends its head alone and waits for `100 Continue`. Node says
 * `100 Continue` as soon as the head arrives, before the server has looked at the request, so the
 * client sends a body the runtime then refuses unread (404, 401, 403, a `Content-Length` over the
 * limit). On the server `listen` starts, the runtime says it only when it starts reading the body;
 * a request refused before gets its final answer with `Connection: close`, and its body is never
 * sent. An embedder's server keeps Node's behaviour unless it routes `'checkContinue'` to
 * `awaitContinue` and the handler as `listen` does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Requests whose client waits for a `100 Continue` nobody has sent yet. */
const awaiting = new WeakSet<IncomingMessage>();

/** Notes that the client of `request` waits for `100 Continue` (Node's `'checkContinue'` event). */
export function awaitContinue(request: IncomingMessage): void {
  awaiting.add(request);
}

/** Says `100 Continue` if the client waits for it: the runtime is about to read the body. */
export function sendContinue(request: IncomingMessage, response: ServerResponse): void {
  if (awaiting.delete(request)) response.writeContinue();
}

/**
 * For a request answered without its body: true when its client is still waiting for
 * `100 Continue` and so has not sent the body; the answer then closes the connection (the client
 * would otherwise have to send the body, or close, before the connection can carry another request).
 */
export function refuseWithoutContinue(request: IncomingMessage, response: ServerResponse): boolean {
  if (!awaiting.delete(request)) return false;
  response.shouldKeepAlive = false;
  return true;
}
