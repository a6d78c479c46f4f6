/**
 * The bytes of a client call's `text` body in the charset its Content-Type names (UTF-8 when it
 * names none; a character the charset cannot hold becomes `?`, as Java's encoder writes it), and
 * the text of a response body that is text (decoded here, in the worker, not by the main process).
 */
import { InvalidArgumentError } from '../../common/errors.js';

/** Node's encoding for a charset name, and the highest code unit it holds one to one. */
const CHARSETS: Readonly<Record<string, { encoding: BufferEncoding; highest?: number }>> = {
  'utf-8': { encoding: 'utf8' },
  utf8: { encoding: 'utf8' },
  'iso-8859-1': { encoding: 'latin1', highest: 0xff },
  iso8859_1: { encoding: 'latin1', highest: 0xff },
  latin1: { encoding: 'latin1', highest: 0xff },
  'us-ascii': { encoding: 'latin1', highest: 0x7f },
  ascii: { encoding: 'latin1', highest: 0x7f },
  'utf-16le': { encoding: 'utf16le' },
};

/**
 * `text` encoded in the charset of `contentType`.
 * @throws InvalidArgumentError (`ERR_INVALID_ARG`) for a charset this client cannot write
 */
export function encodeText(text: string, contentType: string): Buffer {
  const name = (/charset="?([^";\s]+)/i.exec(contentType)?.[1] ?? 'utf-8').toLowerCase();
  const charset = CHARSETS[name];
  if (charset === undefined)
    throw new InvalidArgumentError(
      'http client',
      `charset ${JSON.stringify(name)} of the text is not supported: use UTF-8, ISO-8859-1, US-ASCII or UTF-16LE`,
    );
  const { encoding, highest } = charset;
  if (highest === undefined) return Buffer.from(text, encoding);
  let plain = '';
  for (const character of text) plain += (character.codePointAt(0) ?? 0) > highest ? '?' : character;
  return Buffer.from(plain, encoding);
}

/** A response body decoded with the charset its Content-Type names (UTF-8 when none or unknown). */
export function decodeText(body: Uint8Array, contentType: string | null): string {
  const charset = /charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
