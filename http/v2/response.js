/*
 * net/http/response (Eclipse Dirigible API v2): the response functions v2 documented and the
 * status constants, over the v4 module. writeOutput(bytes) is v4's write(bytes).
 */
'use strict';
const response = require('http/v4/response');

for (const name of [
  'print',
  'println',
  'flush',
  'close',
  'addCookie',
  'addHeader',
  'setHeader',
  'containsHeader',
  'getCharacterEncoding',
  'getContentLength',
  'getContentType',
  'sendError',
  'sendRedirect',
  'setCharacterEncoding',
  'setContentLength',
  'setContentType',
  'setStatus',
]) {
  exports[name] = response[name];
}
exports.writeOutput = response.write;

for (const name of Object.keys(response)) {
  if (typeof response[name] === 'number') exports[name] = response[name];
}
