/*
 * utils/bytes: the one rule of the utils modules for the bytes a script hands them: an array of
 * numbers 0-255, or Java's signed -128-127 (as Dirigible's facades take them), read as 0-255;
 * anything else is ERR_INVALID_ARG naming the function called. And the bytes scripts are handed
 * back: the codes of a text's characters (a binary string from the host, one character per byte,
 * or an encoder's ASCII output), as an array of numbers.
 */
'use strict';
const { call } = kernel;

/** Throws the ERR_INVALID_ARG TypeError naming `method`. */
function invalid(method, message) {
  call('utils', 'invalid', method, message);
}

/**
 * The bytes (0-255) of `input`, an array of bytes; `notArray` is the message for anything else.
 */
function bytesOf(input, method, notArray) {
  if (!Array.isArray(input)) invalid(method, notArray);
  const bytes = new Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const value = input[i];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < -128 || value > 255)
      invalid(method, `element ${i} is not a byte`);
    bytes[i] = value & 0xff;
  }
  return bytes;
}

/** The codes of the characters of `text`, as an array: a binary string's bytes, or ASCII text's. */
function charCodes(text) {
  const codes = new Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

module.exports = { invalid, bytesOf, charCodes };
