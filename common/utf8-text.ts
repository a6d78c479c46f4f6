/**
 * UTF-8 bytes as text, decoded the fast way when they are all ASCII: V8 decodes a large UTF-8
 * string several times slower than Latin-1, which gives the same text for ASCII bytes. Frame
 * headers and the session values a run frame carries in its body are read this way.
 */
import { isAscii } from 'node:buffer';

/** Bytes from which the ASCII check pays: shorter runs are not worth it. */
const ASCII_CHECK_FROM = 4 * 1024;

/** Bytes `start` to `end` of `bytes`, UTF-8, as text. */
export function utf8Text(bytes: Buffer, start: number, end: number): string {
  if (end - start >= ASCII_CHECK_FROM && isAscii(bytes.subarray(start, end)))
    return bytes.toString('latin1', start, end);
  return bytes.toString('utf8', start, end);
}
