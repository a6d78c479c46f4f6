/**
 * The text of a request header as the client meant it. Node reads header bytes as Latin-1, one
 * character per byte; browsers send the non-ASCII text of a cookie (`document.cookie =
 * "city=Köln"`) as UTF-8 bytes, which Latin-1 turns into `KÃ¶ln`.
 */

const NON_ASCII = /[\x80-\xff]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `text` (a header value as Node read it) decoded as UTF-8 when its bytes are valid UTF-8 with
 * non-ASCII characters; otherwise as it is (ASCII, or Latin-1 text that is not UTF-8).
 *
 * @example utf8HeaderText('KÃ¶ln') // 'Köln'
 */
export function utf8HeaderText(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  try {
    return strictUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}
