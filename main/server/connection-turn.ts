/**
 * HTTP/1.1 pipelining: a client may write several requests on one connection before any answer.
 * Node parses them all at once and hands each to the server while the earlier ones are still being
 * served; only the answers are put in order. The runtime serves the requests of one connection
 * one after another instead, as the client sent them (RFC 9112, 9.3.2 allows parallel processing
 * only for safe methods):
 *
 * - a pipelined POST sees the session writes of the one before it;
 * - one connection holds at most one run, so it cannot fill the run queue ahead of other clients;
 * - a request whose client went away before its turn is not run at all;
 * - every answer is written on its connection as it is made, never kept in Node's queue of
 *   answers-in-waiting, which Node drops without a word when the connection closes (the bytes the
 *   runtime counted for it, `maxBufferedBytes`, would never be given back).
 *
 * Node gives a request's response its connection (`'socket'`) once every earlier response on the
 * connection has finished: that is the request's turn. A request that is not pipelined has it at
 * once, at no cost.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The requests of each connection waiting for their turn, each by the function that tells it the
 * connection closed: one `'close'` listener per connection, however many requests wait on it.
 */
const waiting = new WeakMap<Socket, Set<() => void>>();

/**
 * `true` when `response` may be served now (it has its connection); else a promise of `true` once
 * it is its turn, or `false` when the connection closed before it.
 */
export function connectionTurn(request: IncomingMessage, response: ServerResponse): true | Promise<boolean> {
  if (response.socket !== null) return true;
  const connection = request.socket;
  if (connection.destroyed) return Promise.resolve(false);
  let waiters = waiting.get(connection);
  if (waiters === undefined) {
    const all = new Set<() => void>();
    waiters = all;
    waiting.set(connection, all);
    connection.once('close', () => {
      waiting.delete(connection);
      for (const closed of all) closed();
    });
  }
  const queue = waiters;
  return new Promise((resolve) => {
    const closed = (): void => {
      response.off('socket', turn);
      resolve(false);
    };
    const turn = (): void => {
      queue.delete(closed);
      resolve(true);
    };
    queue.add(closed);
    response.once('socket', turn);
  });
}
