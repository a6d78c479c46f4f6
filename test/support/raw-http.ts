/**
 * A client that speaks HTTP/1.1 by hand over `node:net`, as an attacker on the wire does: the
 * spec writes exactly the bytes it means (framing errors, pipelined requests, bodies that never
 * end) and reads exactly what the server sends back, with no HTTP client in between to fix,
 * refuse or reorder anything.
 */
import { once } from 'node:events';
import net from 'node:net';

export interface RawConnection {
  socket: net.Socket;
  /** Everything the server sent so far, as latin1 text (one character per byte). */
  received(): string;
  /** Writes `data` on the connection. */
  write(data: string | Buffer): void;
  /** Resolves once the server ended or closed the connection, with everything it sent. */
  closed: Promise<string>;
  /** Resolves once what the server sent matches `pattern`, with everything it sent. */
  receivedMatch(pattern: RegExp, limitMs?: number): Promise<string>;
}

/** Opens a connection to the `http://127.0.0.1:PORT` of `url`. */
export async function rawConnect(url: string): Promise<RawConnection> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  let text = '';
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (const waiter of waiters) waiter();
  });
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  return {
    socket,
    received: () => text,
    write: (data) => {
      socket.write(data);
    },
    closed,
    receivedMatch(pattern, limitMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(text);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} within ${limitMs} ms; received: ${JSON.stringify(text.slice(-500))}`));
        }, limitMs);
        waiters.add(check);
        void closed.then(() => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          clearTimeout(timer);
          if (pattern.test(text)) resolve(text);
          else
            reject(
              new Error(`the connection closed without ${pattern}; received: ${JSON.stringify(text.slice(-500))}`),
            );
        });
        check();
      });
    },
  };
}

/** The status codes of every response head in `text`, in order (bodies must not contain a status line). */
export function statuses(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
}

/** Writes a 1 KiB chunk of a chunked body whenever the socket can take one, until the connection closes. */
export function sendChunksForever(connection: RawConnection): { sent: () => number } {
  let sent = 0;
  const chunk = `400\r\n${'x'.repeat(1024)}\r\n`;
  const next = (): void => {
    if (connection.socket.destroyed || connection.socket.writableEnded) return;
    sent += 1024;
    if (connection.socket.write(chunk)) setImmediate(next);
    else connection.socket.once('drain', next);
  };
  next();
  return { sent: () => sent };
}
