/*
 * utils/base64 (Dirigible 4 to 9; also utils/v4/base64): Base64 as Dirigible's Base64Facade
 * (commons-codec) writes and reads it. The input is text (its UTF-8 bytes) or bytes (numbers
 * 0-255, or Java's signed -128-127); bytes come back as numbers 0-255. Encoding writes the
 * standard alphabet with `=` padding and no line breaks; decoding is lenient as commons-codec's:
 * characters outside the alphabet (line breaks, spaces) are skipped, the URL-safe `-` and `_` are
 * read too, it stops at the first `=`, and bits left over at the end are dropped.
 * `encodeAsNativeBytes` and `decodeAsNativeBytes` answer what their plain forms do (there are no
 * Java arrays here). See docs/utils.md.
 */
'use strict';
const utf8 = require('utils/utf8');
const byteInput = require('utils/bytes');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Each byte's 6-bit value in commons-codec's decoding table (both alphabets), or -1. */
const VALUES = new Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
VALUES[45] = 62; // '-'
VALUES[95] = 63; // '_'
const PAD = 61; // '='

/** The bytes (0-255) of text or of an array of bytes; ERR_INVALID_ARG for anything else. */
function bytesOf(input, method) {
  if (typeof input === 'string') return utf8.encode(input);
  return byteInput.bytesOf(input, method, 'the input is neither text nor an array of bytes');
}

/** The Base64 text of `bytes` (0-255). */
function encodeText(bytes) {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    text += ALPHABET[group >> 18] + ALPHABET[(group >> 12) & 63] + ALPHABET[(group >> 6) & 63] + ALPHABET[group & 63];
  }
  const left = bytes.length - i;
  if (left === 1) text += `${ALPHABET[bytes[i] >> 2]}${ALPHABET[(bytes[i] & 3) << 4]}==`;
  else if (left === 2) {
    const group = (bytes[i] << 8) | bytes[i + 1];
    text += `${ALPHABET[group >> 10]}${ALPHABET[(group >> 4) & 63]}${ALPHABET[(group & 15) << 2]}=`;
  }
  return text;
}

/** The bytes (0-255) Base64 `bytes` (0-255) stand for, read as commons-codec reads them. */
function decodeBytes(bytes) {
  const out = [];
  let bits = 0;
  let count = 0;
  for (const byte of bytes) {
    if (byte === PAD) break;
    const value = byte < 128 ? VALUES[byte] : -1;
    if (value < 0) continue;
    bits = ((bits << 6) | value) & 0xffffff;
    if (++count === 4) {
      out.push(bits >> 16, (bits >> 8) & 0xff, bits & 0xff);
      count = 0;
    }
  }
  if (count === 2) out.push((bits >> 4) & 0xff);
  else if (count === 3) out.push((bits >> 10) & 0xff, (bits >> 2) & 0xff);
  return out;
}

/** The Base64 text of text (its UTF-8 bytes) or bytes. */
exports.encode = (input) => encodeText(bytesOf(input, 'Base64.encode'));
/** The Base64 text of text or bytes, as the bytes of its characters. */
exports.encodeAsBytes = (input) => byteInput.charCodes(encodeText(bytesOf(input, 'Base64.encodeAsBytes')));
/** As `encodeAsBytes` (Dirigible answers a Java byte array). */
exports.encodeAsNativeBytes = (input) => byteInput.charCodes(encodeText(bytesOf(input, 'Base64.encodeAsNativeBytes')));
/** The bytes (0-255) that Base64 text, or the bytes of Base64 text, stand for. */
exports.decode = (input) => decodeBytes(bytesOf(input, 'Base64.decode'));
/** As `decode` (Dirigible answers a Java byte array). */
exports.decodeAsNativeBytes = (input) => decodeBytes(bytesOf(input, 'Base64.decodeAsNativeBytes'));
