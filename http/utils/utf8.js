/*
 * utils/utf8 (Dirigible 4 to 9; also utils/v4/utf8): text to UTF-8 bytes and back, as Dirigible's
 * UTF8Facade does with Java's String. Bytes are arrays of numbers 0-255 (an argument may also hold
 * Java's signed bytes, -128-127). `encode` writes a lone surrogate as `?`, as Java does; `decode`
 * reads a malformed sequence as U+FFFD. The other utils modules read and write text through it.
 * See docs/utils.md.
 */
'use strict';
const byteInput = require('utils/bytes');

const { invalid } = byteInput;
const { fromCharCode } = String;
const REPLACEMENT = 0xfffd;

/** The bytes of an array of numbers (0-255 or -128-127), as numbers 0-255; ERR_INVALID_ARG for others. */
function bytesOf(input, method) {
  return byteInput.bytesOf(input, method, 'the bytes are not an array');
}

/** The UTF-8 bytes of `text`; a lone surrogate is `?` (63). */
function utf8Bytes(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else code = 63;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes;
}

/** The text of UTF-8 `bytes` (0-255) from `start` to `end`; each maximal malformed part is U+FFFD. */
function utf8Text(bytes, start, end) {
  const codes = [];
  let i = start;
  while (i < end) {
    const first = bytes[i++];
    if (first < 0x80) {
      codes.push(first);
      continue;
    }
    let needed = 0;
    let code = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) [needed, code] = [1, first & 0x1f];
    else if (first >= 0xe0 && first <= 0xef) {
      [needed, code] = [2, first & 0x0f];
      if (first === 0xe0) lower = 0xa0;
      if (first === 0xed) upper = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      [needed, code] = [3, first & 0x07];
      if (first === 0xf0) lower = 0x90;
      if (first === 0xf4) upper = 0x8f;
    } else {
      codes.push(REPLACEMENT);
      continue;
    }
    let complete = true;
    for (let k = 0; k < needed; k++) {
      const next = i < end ? bytes[i] : -1;
      if (next < lower || next > upper) {
        complete = false;
        break;
      }
      code = (code << 6) | (next & 0x3f);
      [lower, upper] = [0x80, 0xbf];
      i++;
    }
    if (!complete) codes.push(REPLACEMENT);
    else if (code < 0x10000) codes.push(code);
    else codes.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
  }
  let text = '';
  for (let at = 0; at < codes.length; at += 8192) text += fromCharCode.apply(null, codes.slice(at, at + 8192));
  return text;
}

/** The UTF-8 bytes of a text (Dirigible's `UTF8Facade.encode`); ERR_INVALID_ARG for no text. */
exports.encode = (input) => {
  if (typeof input !== 'string') invalid('UTF8.encode', 'the input is not a string');
  return utf8Bytes(input);
};

/** The text of UTF-8 bytes (Dirigible's `UTF8Facade.decode`). */
exports.decode = (input) => {
  const bytes = bytesOf(input, 'UTF8.decode');
  return utf8Text(bytes, 0, bytes.length);
};

/** The text of `length` UTF-8 bytes from `offset` (Java's `new String(bytes, offset, length, "UTF-8")`). */
exports.bytesToString = (bytes, offset, length) => {
  const all = bytesOf(bytes, 'UTF8.bytesToString');
  if (
    !Number.isInteger(offset) ||
    !Number.isInteger(length) ||
    offset < 0 ||
    length < 0 ||
    offset + length > all.length
  )
    invalid('UTF8.bytesToString', `offset ${offset} and length ${length} are out of the ${all.length} bytes`);
  return utf8Text(all, offset, offset + length);
};
