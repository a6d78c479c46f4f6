/**
 * The parameters of an `application/x-www-form-urlencoded` body, read in the body's charset as a
 * servlet container reads them (`request.getParameter` decodes the body with
 * `getCharacterEncoding()`): `n=%FC` sent with `charset=ISO-8859-1` is `ü`, not `�`; and the
 * form fields of a `multipart/form-data` body, which a servlet container with multipart
 * configuration (Dirigible's Spring Boot) also answers as parameters.
 */
import type { UploadSnapshot } from '../../common/upload.js';

/** Labels Java reads as ISO-8859-1, one character per byte (WHATWG's `TextDecoder` reads them as windows-1252). */
const LATIN_1 = /^(iso-?8859-1|iso_8859-1(:1987)?|latin-?1|l1|cp819|ibm819|csisolatin1|iso-ir-100)$/i;

/** Bytes to text in `charset`; UTF-8 when there is none or Node does not know it. */
function bytesDecoder(charset: string | null): (bytes: Buffer) => string {
  if (charset === null || /^utf-?8$/i.test(charset)) return (bytes) => bytes.toString('utf8');
  if (LATIN_1.test(charset)) return (bytes) => bytes.toString('latin1');
  try {
    const decoder = new TextDecoder(charset);
    return (bytes) => decoder.decode(bytes);
  } catch {
    return (bytes) => bytes.toString('utf8');
  }
}

/** `+` as a space and each `%XX` as its byte (a malformed escape stays as written), then `decode`. */
function formText(field: string, decode: (bytes: Buffer) => string): string {
  const spaced = field.replace(/\+/g, ' ');
  const bytes = Buffer.from(
    spaced.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  );
  return decode(bytes);
}

/**
 * The name/value pairs of a form body, in order, decoded with `charset` (UTF-8 when `null` or
 * unknown): empty pairs skipped, a pair without `=` has the value `""`, as `URLSearchParams`.
 *
 * @example formParameters(Buffer.from('n=%FC'), 'ISO-8859-1') // [['n', 'ü']]
 */
export function formParameters(body: Uint8Array, charset: string | null): [string, string][] {
  const decode = bytesDecoder(charset);
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1');
  const pairs: [string, string][] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    pairs.push([formText(name, decode), formText(value, decode)]);
  }
  return pairs;
}

/**
 * The name/value pairs of a multipart body's form fields (parts without a file name), in order,
 * their bytes read as UTF-8 as `FileItem.getText()` reads them; files are not parameters.
 */
export function multipartFieldParameters(upload: UploadSnapshot): [string, string][] {
  const data = Buffer.from(upload.data.buffer, upload.data.byteOffset, upload.data.length);
  return upload.items
    .filter((item) => item.formField)
    .map((item) => [item.fieldName, data.toString('utf8', item.offset, item.offset + item.size)]);
}
