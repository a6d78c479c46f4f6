/**
 * One HTTP exchange of a client call, with node:http(s), as Dirigible's Apache HttpClient makes
 * it: the method as given (TRACE too), the script's headers in its order and spelling, no
 * `Accept-Encoding` (Dirigible's `contentCompressionEnabled` is off unless asked), on a kept-alive
 * connection of the pool (connection-pool.ts) or a new one whose address the pinned lookup vetted.
 * The response keeps its raw headers (names as the server spelled them, in order, repeated ones
 * apart).
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WireBudget } from './wire-budget.js';

/** What became of one attempt, for the caller to tell whether it may try again. */
export interface Attempt {
  /** Set when the request went out on a socket the pool had kept alive from an earlier call. */
  reusedSocket?: boolean;
}

/**
 * Sends the request through `agent` (`false`: on a connection of its own, closed after it) and
 * resolves to the response, its body not yet read; `wire` watches what it reads.
 */
export function sendOnce(
  url: URL,
  method: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body: Uint8Array | undefined,
  connection: { lookup: LookupFunction; agent: http.Agent | false; attempt: Attempt },
  signal: AbortSignal,
  wire: WireBudget,
): Promise<IncomingMessage> {
  const { lookup, agent, attempt } = connection;
  const raw: string[] = ['Host', url.host];
  for (const [name, value] of headers) raw.push(name, value);
  if (body !== undefined) raw.push('Content-Length', String(body.length));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method, headers: raw, lookup, signal, agent }, resolve);
    request.on('socket', () => {
      attempt.reusedSocket = request.reusedSocket;
    });
    request.on('error', reject);
    // Destroyed without an error, a request that never got its response still fails.
    request.on('close', () => reject(new Error('the connection closed before a response')));
    wire.watch(request);
    request.end(body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.length));
  });
}

/** The response's headers as `[{ name, value }]`, as the server sent them. */
export function rawHeaderList(response: IncomingMessage): Array<{ name: string; value: string }> {
  const list: Array<{ name: string; value: string }> = [];
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) list.push({ name: raw[i] as string, value: raw[i + 1] as string });
  return list;
}
