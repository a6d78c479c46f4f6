/*
 * http/v4/request: the HTTP request being served (Eclipse Dirigible API v4).
 * Lists and maps arrive as JSON text and are parsed here.
 */
'use strict';
const call = (fn, a, b) => kernel.call('request', fn, a, b);
const list = (fn, a) => kernel.parse(call(fn, a));

exports.isValid = () => call('isValid');
exports.getMethod = () => call('getMethod');
exports.getRemoteUser = () => call('getRemoteUser');
exports.getAuthType = () => call('getAuthType');
exports.isUserInRole = (role) => call('isUserInRole', role);
exports.getPathInfo = () => call('getPathInfo');
exports.getPathTranslated = () => call('getPathTranslated');
exports.getResourcePath = () => call('getResourcePath');
exports.getServicePath = () => call('getServicePath');
exports.getContextPath = () => call('getContextPath');
exports.getRequestURI = () => call('getRequestURI');
exports.getRequestURL = () => call('getRequestURL');
exports.getQueryString = () => call('getQueryString');
// Dirigible's map of the query string, parsed as the REST framework parses ctx.queryParameters:
// a name given once maps to its value, a repeated one to the array of its values, in order.
exports.getQueryParametersMap = () => require('http/rs/query-parameters')(call('getQueryString'));
exports.getProtocol = () => call('getProtocol');
exports.getScheme = () => call('getScheme');
exports.isSecure = () => call('isSecure');
exports.getServerName = () => call('getServerName');
exports.getServerPort = () => call('getServerPort');
exports.getRemoteAddress = () => call('getRemoteAddress');
exports.getRemoteHost = () => call('getRemoteHost');
exports.getRemotePort = () => call('getRemotePort');
exports.getLocalAddress = () => call('getLocalAddress');
exports.getLocalName = () => call('getLocalName');
exports.getLocalPort = () => call('getLocalPort');
exports.getLocale = () => call('getLocale');
exports.getHeader = (name) => call('getHeader', name);
exports.getHeaders = (name) => list('getHeaders', name);
exports.getHeaderNames = () => list('getHeaderNames');
exports.getCookies = () => list('getCookies');
exports.getContentType = () => call('getContentType');
exports.getContentLength = () => call('getContentLength');
exports.getCharacterEncoding = () => call('getCharacterEncoding');
exports.getText = () => call('getText');
exports.getBytes = () => list('getBytes');
exports.getJSON = () => {
  const body = call('getText');
  return body === '' ? null : kernel.parse(body);
};
// Dirigible 8 and 9 name getJSON() json() too.
exports.json = exports.getJSON;
exports.getParameter = (name) => call('getParameter', name);
exports.getParameterValues = (name) => list('getParameterValues', name);
exports.getParameterNames = () => list('getParameterNames');
exports.getParameters = () => list('getParameters');
exports.getAttribute = (name) => call('getAttribute', name);
exports.getAttributeNames = () => list('getAttributeNames');
// A request attribute is text: any value is stored as String(value), an object as its toString()
// (only primitives cross to the host, so the text is made here).
exports.setAttribute = (name, value) => void call('setAttribute', name, String(value));
exports.removeAttribute = (name) => void call('removeAttribute', name);
