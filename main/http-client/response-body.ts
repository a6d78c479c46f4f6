/**
 * The body of a client call's response, read up to the size limit, and the Dirigible rule of
 * whether a script gets it as `text` or as bytes (`data`).
 */
import type { IncomingMessage } from 'node:http';
import { HttpClientResponseTooLargeError } from '../../common/errors.js';

/** Reads `body` whole; throws `ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE` (and stops reading) past `limit` bytes. */
export async function readLimited(body: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      body.destroy();
      throw new HttpClientResponseTooLargeError(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/**
 * True when a body of `contentType` is text: `text/*`, JSON, XML, CSV, JavaScript, form data and
 * any `+json` or `+xml` type such as `image/svg+xml` (Dirigible's list of text types, widened to
 * their families).
 */
export function isTextType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/(json|xml|csv|javascript|x-www-form-urlencoded)$/.test(type) ||
    /^[\w.+-]+\/[\w.+-]+\+(json|xml)$/.test(type)
  );
}

/** The body decoded with the charset its Content-Type names (UTF-8 when none or unknown). */
export function decodeText(body: Uint8Array, contentType: string | null): string {
  const charset = /charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
