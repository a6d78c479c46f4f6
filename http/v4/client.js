/*
 * http/v4/client: HTTP requests to other services (Eclipse Dirigible API v4: get, post, put, patch,
 * delete/del, head, trace, and request with options.method), carried out by the
 * host for hosts the embedder allowed (`allowedHosts`); the script waits for the answer. The
 * response arrives as JSON text; its bytes, when the body is not text or `binary` was asked, as a
 * binary string (one character per byte) turned into `data`, an array of numbers 0-255, here.
 */
'use strict';
const call = (fn, a, b, c) => kernel.call('client', fn, a, b, c);

/** The bytes of a binary string (one character per byte), an array of numbers 0-255. */
const toBytes = require('utils/bytes').charCodes;

/** Throws the ERR_INVALID_ARG TypeError of an option the client cannot carry out. */
function invalid(message) {
  kernel.call('utils', 'invalid', 'http client', message);
}

/**
 * Bytes (an array of numbers 0-255 or Java's signed -128-127, a typed array or an ArrayBuffer) as
 * a binary string; anything else is ERR_INVALID_ARG, as Gson refuses it on Dirigible.
 */
function toBinary(data) {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  if (!Array.isArray(bytes) && !(ArrayBuffer.isView(bytes) && !(bytes instanceof DataView)))
    invalid('options.data must be an array of bytes, a typed array or an ArrayBuffer');
  let binary = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = [];
    const end = Math.min(start + 8192, bytes.length);
    for (let i = start; i < end; i++) {
      const value = bytes[i];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -128 || value > 255)
        invalid(`options.data[${i}] is not a byte`);
      chunk.push(value & 255);
    }
    binary += String.fromCharCode.apply(null, chunk);
  }
  return binary;
}

/** The URL with `options.params` appended as its query, as Dirigible does. */
function withParams(url, options) {
  const params = options.params;
  if (!Array.isArray(params) || params.length === 0) return String(url);
  let result = String(url);
  for (let i = 0; i < params.length; i++) {
    const param = params[i];
    if (param === null || typeof param !== 'object') invalid(`options.params[${i}] is not a { name, value }`);
    result += (i === 0 && result.indexOf('?') < 0 ? '?' : '&') + param.name + '=' + param.value;
  }
  return result;
}

function send(method, url, options) {
  const given = options === undefined || options === null ? {} : options;
  const rest = {};
  for (const key of Object.keys(given)) if (key !== 'data') rest[key] = given[key];
  if (method !== undefined) rest.method = method;
  const data = given.data === undefined || given.data === null ? undefined : toBinary(given.data);
  const response = kernel.parse(call('request', withParams(url, given), kernel.stringify(rest), data));
  if (response.binary) response.data = toBytes(call('takeData'));
  return response;
}

exports.get = (url, options) => send('GET', url, options);
exports.post = (url, options) => send('POST', url, options);
exports.put = (url, options) => send('PUT', url, options);
exports.patch = (url, options) => send('PATCH', url, options);
exports.delete = (url, options) => send('DELETE', url, options);
exports.del = exports.delete;
exports.head = (url, options) => send('HEAD', url, options);
exports.trace = (url, options) => send('TRACE', url, options);
exports.request = (url, options) => send(undefined, url, options);
