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
 *
 * Node stops reading a connection only when its answers back up, which answers made one at a time
 * never do: it would parse every request a client sends and keep each waiting in memory (a client
 * writing 14 MB of pipelined requests grew the process by a gigabyte). So while a request of a
 * connection waits, the connection is not read (what one read brought in is still parsed), and
 * reading resumes once no request waits. A connection with more than `MAX_WAITING` requests
 * waiting anyway is closed: its waiting requests are not run.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Most requests one connection may have waiting for their turn; past it, it is closed. */
export const MAX_WAITING = 128;

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
  if (waiters.size >= MAX_WAITING) {
    connection.destroy();
    return Promise.resolve(false);
  }
  const queue = waiters;
  // Node resumes a connection it paused itself (its answers backed up) only when they drain, and
  // puts it back on pause if it still wants it paused, whatever `resume` says.
  connection.pause();
  return new Promise((resolve) => {
    const closed = (): void => {
      response.off('socket', turn);
      resolve(false);
    };
    const turn = (): void => {
      queue.delete(closed);
      if (queue.size === 0) connection.resume();
      resolve(true);
    };
    queue.add(closed);
    response.once('socket', turn);
  });
}
