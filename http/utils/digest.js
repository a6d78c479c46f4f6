/*
 * utils/digest (Dirigible 4 to 9; also utils/v4/digest): the MD5 and SHA digests of Dirigible's
 * DigestFacade (commons-codec's DigestUtils), computed by the worker with node:crypto. The input
 * is text (its UTF-8 bytes) or bytes (numbers 0-255, or Java's signed -128-127); a digest comes
 * back as bytes (numbers 0-255) or, from the `...Hex` functions, as lower-case hex text.
 * `...AsNativeBytes` answers what its plain form does. See docs/utils.md.
 */
'use strict';
const { call } = kernel;
const utf8 = require('utils/utf8');
const hex = require('utils/hex');
const byteInput = require('utils/bytes');

/** The input's bytes as a binary string (one character per byte); ERR_INVALID_ARG for anything else. */
function binaryOf(input, method) {
  const octets =
    typeof input === 'string'
      ? utf8.encode(input)
      : byteInput.bytesOf(input, method, 'the input is neither text nor an array of bytes');
  let binary = '';
  for (const octet of octets) binary += String.fromCharCode(octet);
  return binary;
}

/** The lower-case hex digest of the input by `algorithm` (md5, sha1, sha256, sha384, sha512). */
function hexDigest(algorithm, input, method) {
  return call('utils', 'digest', algorithm, binaryOf(input, method));
}

for (const algorithm of ['md5', 'sha1', 'sha256', 'sha384', 'sha512']) {
  const bytes = (method) => (input) => hex.decode(hexDigest(algorithm, input, `Digest.${method}`));
  /** The digest as bytes (0-255). */
  exports[algorithm] = bytes(algorithm);
  /** As the plain form (Dirigible answers a Java byte array). */
  exports[`${algorithm}AsNativeBytes`] = bytes(`${algorithm}AsNativeBytes`);
  /** The digest as lower-case hex text. */
  exports[`${algorithm}Hex`] = (input) => hexDigest(algorithm, input, `Digest.${algorithm}Hex`);
}
