/*
 * net/http/request (Eclipse Dirigible API v2): the request functions v2 documented, over the
 * v4 module. getInfo() gathers the URL facts v4 reads one by one; readInput() and
 * readInputText() are v4's getBytes() and getText().
 */
'use strict';
const request = require('http/v4/request');

for (const name of [
  'getMethod',
  'getParameter',
  'getParameterNames',
  'getParameters',
  'getAttribute',
  'setAttribute',
  'getAttributeNames',
  'getHeader',
  'getHeaderNames',
  'getCookies',
  'isUserInRole',
]) {
  exports[name] = request[name];
}
exports.getInfo = () => ({
  contextPath: request.getContextPath(),
  pathInfo: request.getPathInfo(),
  protocol: request.getProtocol(),
  queryString: request.getQueryString(),
  scheme: request.getScheme(),
  serverName: request.getServerName(),
  serverPort: request.getServerPort(),
});
exports.readInput = request.getBytes;
exports.readInputText = request.getText;
