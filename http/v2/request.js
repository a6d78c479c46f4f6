/*
 * net/http/request (Eclipse Dirigible API v2): the request functions v2 documented, over the
 * v4 module. getInfo() gathers the URL facts v4 reads one by one; readInput() and
 * readInputText() are v4's getBytes() and getText().
 */
'use strict';
const request = require('http/v4/request');

exports.getMethod = request.getMethod;
exports.getParameter = request.getParameter;
exports.getParameterNames = request.getParameterNames;
exports.getParameters = request.getParameters;
exports.getAttribute = request.getAttribute;
exports.setAttribute = request.setAttribute;
exports.getAttributeNames = request.getAttributeNames;
exports.getHeader = request.getHeader;
exports.getHeaderNames = request.getHeaderNames;
exports.getCookies = request.getCookies;
exports.isUserInRole = request.isUserInRole;
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
