/**
 * What of a response belongs to the runtime, not the script: the headers that frame the message or
 * manage the connection, and the statuses a final response may have. A script setting
 * `Transfer-Encoding: chunked` next to the runtime's `Content-Length`, or a final `100 Continue`,
 * would desynchronise the connection (RFC 9112 §6.3, RFC 9110 §15.2).
 */

/** Lower-case names of the headers the runtime owns; a script's values for them are ignored. */
export const FRAMING_HEADERS: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
]);

/** True for a header the runtime owns (case-insensitive). */
export function isFramingHeader(name: string): boolean {
  return name.length <= 17 && FRAMING_HEADERS.has(name.toLowerCase());
}

/** True for a status a script's final response may have: a whole number in 200-599. */
export function isFinalStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599;
}
