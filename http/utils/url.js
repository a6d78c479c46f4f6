/*
 * utils/url (Dirigible 4 to 9; also utils/v4/url): URL encoding as Dirigible's UrlFacade does it.
 * `encode` and `decode` are Java's URLEncoder and URLDecoder (form encoding: a space is `+`) in
 * UTF-8 or the charset named (UTF-8, ISO-8859-1 or US-ASCII here; a character the charset lacks is
 * `?`); `escape`, `escapePath` and `escapeForm` are Guava's URL fragment, path segment and form
 * parameter escapers (UTF-8). Bad input throws ERR_INVALID_ARG. See docs/utils.md.
 */
'use strict';
const { call } = kernel;
const utf8 = require('utils/utf8');

const HEX = '0123456789ABCDEF';
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Characters each encoder leaves as they are. */
const SAFE = {
  encode: new Set(`${ALPHANUMERIC}-_.*`),
  escape: new Set(`${ALPHANUMERIC}-._~!$&'()*+,;=:@/?`),
  escapePath: new Set(`${ALPHANUMERIC}-._~!$&'()*+,;=:@`),
  escapeForm: new Set(`${ALPHANUMERIC}-_.*`),
};

function invalid(method, message) {
  call('utils', 'invalid', method, message);
}

/** The charset a name stands for (Java's names and common aliases); ERR_INVALID_ARG for others. */
function charsetOf(name, method) {
  if (name === undefined || name === null) return 'UTF-8';
  const key = String(name).toUpperCase().replace(/[-_]/g, '');
  if (key === 'UTF8') return 'UTF-8';
  if (key === 'ISO88591' || key === 'LATIN1' || key === 'ISO8859_1' || key === 'L1') return 'ISO-8859-1';
  if (key === 'USASCII' || key === 'ASCII') return 'US-ASCII';
  return invalid(method, `unsupported charset ${String(name)}`);
}

/** The bytes of `text` in `charset`; a character the charset lacks is `?`. */
function bytesIn(text, charset) {
  if (charset === 'UTF-8') return utf8.encode(text);
  const limit = charset === 'US-ASCII' ? 0x80 : 0x100;
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const next = pair ? text.charCodeAt(i + 1) : 0;
    if (pair && next >= 0xdc00 && next <= 0xdfff) i++;
    bytes.push(code < limit ? code : 63);
  }
  return bytes;
}

/** The text of `bytes` (0-255) in `charset`; a byte it cannot read is U+FFFD. */
function textIn(bytes, charset) {
  if (charset === 'UTF-8') return utf8.decode(bytes);
  let text = '';
  for (const byte of bytes) text += charset === 'US-ASCII' && byte >= 0x80 ? '\ufffd' : String.fromCharCode(byte);
  return text;
}

/** The text as a string; ERR_INVALID_ARG for none (Java's NullPointerException). */
function textOf(input, method) {
  if (typeof input !== 'string') invalid(method, 'the input is not a string');
  return input;
}

/** Percent-escapes what `safe` lacks, in UTF-8; a lone surrogate is an error, as in Guava. */
function escapeWith(input, safe, plusForSpace, method) {
  const text = textOf(input, method);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (safe.has(char)) out += char;
    else if (plusForSpace && char === ' ') out += '+';
    else {
      const code = text.charCodeAt(i);
      let unit = char;
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff))
          invalid(method, `Unpaired surrogate character at index ${i}`);
        unit = text.slice(i, i + 2);
        i++;
      }
      for (const byte of utf8.encode(unit)) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    }
  }
  return out;
}

/** URLEncoder.encode(input, charset): form encoding, a space as `+`, UTF-8 unless told. */
exports.encode = (input, charset) => {
  const text = textOf(input, 'URL.encode');
  const name = charsetOf(charset, 'URL.encode');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (SAFE.encode.has(char)) out += char;
    else if (char === ' ') out += '+';
    else {
      let end = i + 1;
      while (end < text.length && text[end] !== ' ' && !SAFE.encode.has(text[end])) end++;
      for (const byte of bytesIn(text.slice(i, end), name)) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      i = end - 1;
    }
  }
  return out;
};

/**
 * The byte of a `%XX` escape's two characters as URLDecoder reads them with Java's
 * `Integer.parseInt(s, begin, end, 16)`: a leading `+` or `-` is a sign; a character that is no hex
 * digit is ERR_INVALID_ARG with NumberFormatException's message, a negative value with URLDecoder's.
 */
function escapedByte(pair) {
  const signed = pair[0] === '+' || pair[0] === '-';
  for (let at = signed ? 1 : 0; at < 2; at++)
    if (!/[0-9a-fA-F]/.test(pair[at]))
      invalid(
        'URL.decode',
        `URLDecoder: Illegal hex characters in escape (%) pattern - Error at index ${at} in: "${pair}"`,
      );
  const value = Number.parseInt(pair, 16);
  if (value < 0) invalid('URL.decode', 'URLDecoder: Illegal hex characters in escape (%) pattern - negative value');
  return value | 0;
}

/** URLDecoder.decode(input, charset): `+` is a space, `%XX` runs are bytes in the charset. */
exports.decode = (input, charset) => {
  const text = textOf(input, 'URL.decode');
  const name = charsetOf(charset, 'URL.decode');
  let out = '';
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if (char === '+') {
      out += ' ';
      i++;
    } else if (char === '%') {
      const bytes = [];
      while (i < text.length && text[i] === '%') {
        if (i + 2 >= text.length) invalid('URL.decode', 'URLDecoder: Incomplete trailing escape (%) pattern');
        bytes.push(escapedByte(text.slice(i + 1, i + 3)));
        i += 3;
      }
      out += textIn(bytes, name);
    } else {
      out += char;
      i++;
    }
  }
  return out;
};

/** Guava's URL fragment escaper: leaves letters, digits, `-._~!$&'()*+,;=:@/?`; a space is `%20`. */
exports.escape = (input) => escapeWith(input, SAFE.escape, false, 'URL.escape');
/** Guava's URL path segment escaper: as `escape`, but `/` and `?` are escaped too. */
exports.escapePath = (input) => escapeWith(input, SAFE.escapePath, false, 'URL.escapePath');
/** Guava's form parameter escaper: leaves letters, digits and `-_.*`; a space is `+`. */
exports.escapeForm = (input) => escapeWith(input, SAFE.escapeForm, true, 'URL.escapeForm');
