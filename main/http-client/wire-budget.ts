/**
 * What a client call's response may take on the wire beyond its body: status lines and headers,
 * informational (1xx) responses, chunk framing. The body is bounded by `httpClientMaxResponseSize`,
 * but Node parses the rest on the main process's thread too, and a hostile host can send it without
 * end: a stream of `103 Early Hints` never reaches a body, and a body in one-byte chunks costs the
 * parser a callback per byte (10 MiB took the main process seven seconds). Past the budget the call
 * fails, so what an answer costs the main process is bounded by its size.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Most bytes a response may take beyond its body. */
export const MAX_WIRE_OVERHEAD_BYTES = 1024 * 1024;

export class WireBudget {
  readonly maxOverhead: number;
  /** Body bytes the reader has taken from the response (it adds them as it reads). */
  bodyTaken = 0;
  /** Set when the response went past the budget (its request was then destroyed). */
  exceeded = false;
  #response: IncomingMessage | undefined;

  /** @param maxOverhead bytes a response may take beyond its body */
  constructor(maxOverhead = MAX_WIRE_OVERHEAD_BYTES) {
    this.maxOverhead = maxOverhead;
  }

  /**
   * Watches what `request`'s socket reads while it serves `request`: once it has read more than
   * the body taken or waiting to be taken plus the budget, the request is destroyed and `exceeded`
   * set.
   */
  watch(request: ClientRequest): void {
    request.on('response', (response: IncomingMessage) => {
      this.#response = response;
    });
    request.on('socket', (socket: Socket) => {
      // A kept-alive socket has read earlier calls' answers: only what it reads from now on counts.
      const start = socket.bytesRead;
      const check = () => {
        const body = this.bodyTaken + (this.#response?.readableLength ?? 0);
        if (socket.bytesRead - start - body <= this.maxOverhead) return;
        this.exceeded = true;
        socket.off('data', check);
        request.destroy();
      };
      socket.on('data', check);
      // The socket may go back to the pool and serve another call, which has its own budget.
      request.once('close', () => socket.off('data', check));
    });
  }
}
