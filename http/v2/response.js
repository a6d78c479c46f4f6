/*
 * net/http/response (Eclipse Dirigible API v2): the response functions v2 documented and the
 * status constants, over the v4 module. writeOutput(bytes) is v4's write(bytes).
 */
'use strict';
const response = require('http/v4/response');

exports.print = response.print;
exports.println = response.println;
exports.flush = response.flush;
exports.close = response.close;
exports.addCookie = response.addCookie;
exports.addHeader = response.addHeader;
exports.setHeader = response.setHeader;
exports.containsHeader = response.containsHeader;
exports.getCharacterEncoding = response.getCharacterEncoding;
exports.getContentLength = response.getContentLength;
exports.getContentType = response.getContentType;
exports.sendError = response.sendError;
exports.sendRedirect = response.sendRedirect;
exports.setCharacterEncoding = response.setCharacterEncoding;
exports.setContentLength = response.setContentLength;
exports.setContentType = response.setContentType;
exports.setStatus = response.setStatus;
exports.writeOutput = response.write;

for (const name of Object.keys(response)) {
  if (typeof response[name] === 'number') exports[name] = response[name];
}
