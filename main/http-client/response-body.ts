/**
 * The body of a client call's response, read up to the size limit, and the Dirigible rule of
 * whether a script gets it as `text` or as bytes (`data`); the worker decodes text
 * (worker/facade/client-text.ts), so this process only moves the bytes.
 */
import type { IncomingMessage } from 'node:http';
import { HttpClientResponseTooLargeError } from '../../common/errors.js';
import type { WireBudget } from './wire-budget.js';

/**
 * Reads `body` whole; throws `ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE` (and stops reading) past `limit`
 * bytes. What it takes is added to `wire.bodyTaken`.
 */
export async function readLimited(body: IncomingMessage, limit: number, wire: WireBudget): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    wire.bodyTaken = length;
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
