/*
 * utils/hex (Dirigible 4 to 9; also utils/v4/hex): hexadecimal as Dirigible's HexFacade
 * (commons-codec) writes and reads it. The input is text (its UTF-8 bytes) or bytes (numbers
 * 0-255, or Java's signed -128-127); bytes come back as numbers 0-255. Encoding writes lower-case
 * digits; decoding reads either case and throws ERR_INVALID_ARG with commons-codec's message for
 * an odd number of digits or a character that is not one. `encodeAsNativeBytes` and
 * `decodeAsNativeBytes` answer what their plain forms do. See docs/utils.md.
 */
'use strict';
const { call } = kernel;
const utf8 = require('utils/utf8');
const byteInput = require('utils/bytes');

const DIGITS = '0123456789abcdef';

/** The bytes (0-255) of text or of an array of bytes; ERR_INVALID_ARG for anything else. */
function bytesOf(input, method) {
  if (typeof input === 'string') return utf8.encode(input);
  return byteInput.bytesOf(input, method, 'the input is neither text nor an array of bytes');
}

/** The lower-case hex text of `bytes` (0-255). */
function encodeText(bytes) {
  let text = '';
  for (const byte of bytes) text += DIGITS[byte >> 4] + DIGITS[byte & 15];
  return text;
}

/** The value of a hex digit's character code, or -1. */
function digit(code) {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** The bytes (0-255) hex text stands for; ERR_INVALID_ARG as commons-codec's DecoderException. */
function decodeText(text, method) {
  if (text.length % 2 !== 0) call('utils', 'invalid', method, 'Odd number of characters.');
  const out = new Array(text.length / 2);
  for (let i = 0; i < text.length; i++) {
    const value = digit(text.charCodeAt(i));
    if (value < 0) call('utils', 'invalid', method, `Illegal hexadecimal character ${text[i]} at index ${i}`);
    if (i % 2 === 0) out[i / 2] = value << 4;
    else out[(i - 1) / 2] |= value;
  }
  return out;
}

/** The hex text of text (its UTF-8 bytes) or bytes. */
exports.encode = (input) => encodeText(bytesOf(input, 'Hex.encode'));
/** The hex text of text or bytes, as the bytes of its characters. */
exports.encodeAsBytes = (input) => byteInput.charCodes(encodeText(bytesOf(input, 'Hex.encodeAsBytes')));
/** As `encodeAsBytes` (Dirigible answers a Java byte array). */
exports.encodeAsNativeBytes = (input) => byteInput.charCodes(encodeText(bytesOf(input, 'Hex.encodeAsNativeBytes')));
/** The bytes (0-255) that hex text, or the bytes of hex text, stand for. */
exports.decode = (input) => decodeText(utf8.decode(bytesOf(input, 'Hex.decode')), 'Hex.decode');
/** As `decode` (Dirigible answers a Java byte array). */
exports.decodeAsNativeBytes = (input) =>
  decodeText(utf8.decode(bytesOf(input, 'Hex.decodeAsNativeBytes')), 'Hex.decodeAsNativeBytes');
