/*
 * http/v4/response: the response of the current request (Eclipse Dirigible API v4).
 * Output is buffered and sent after the script ends and its session changes are stored.
 */
'use strict';
const call = (fn, a, b, c) => kernel.call('response', fn, a, b, c);
// Dirigible's rule: falsy values print as "".
const text = (value) => (value ? String(value) : '');
// Servlet rule: a null header value removes or resets; any other value is sent as its text.
const headerValue = (value) => (value === null || value === undefined ? null : String(value));
const bytes = (data) => {
  let latin1 = '';
  for (let i = 0; i < data.length; i++) latin1 += String.fromCharCode(Number(data[i]) & 0xff);
  return latin1;
};

exports.isValid = () => call('isValid');
exports.print = (value) => void call('print', text(value));
exports.println = (value) => void call('print', text(value) + '\n');
// Dirigible 8 and 9 (and the SDK): Content-Type application/json, then the value as JSON text.
exports.json = (value) => {
  exports.addHeader('Content-Type', 'application/json');
  exports.print(JSON.stringify(value));
};
exports.write = (data) =>
  void (typeof data === 'string' ? call('write', data, false) : call('write', bytes(data), true));
exports.flush = () => void call('flush');
exports.close = () => void call('close');
exports.isCommitted = () => call('isCommitted');
exports.setStatus = (status) => void call('setStatus', status);
exports.getStatus = () => call('getStatus');
exports.setHeader = (name, value) => void call('setHeader', name, headerValue(value));
exports.addHeader = (name, value) => void call('addHeader', name, headerValue(value));
exports.getHeader = (name) => call('getHeader', name);
exports.containsHeader = (name) => call('containsHeader', name);
exports.getHeaders = (name) => kernel.parse(call('getHeaders', name));
exports.getHeaderNames = () => kernel.parse(call('getHeaderNames'));
exports.setLocale = (language, country, variant) => void call('setLocale', language, country, variant);
exports.getLocale = () => call('getLocale');
exports.setContentType = (type) => void call('setContentType', headerValue(type));
exports.getContentType = () => call('getContentType');
exports.setCharacterEncoding = (charset) => void call('setCharacterEncoding', headerValue(charset));
exports.getCharacterEncoding = () => call('getCharacterEncoding');
exports.setContentLength = (length) => void call('setContentLength', length);
exports.getContentLength = () => call('getContentLength');
// Extensions (servlet API): the URL with the session id when the client does not use the cookie and URL rewriting is on.
exports.encodeURL = (url) => call('encodeURL', url);
exports.encodeRedirectURL = (url) => call('encodeRedirectURL', url);
exports.addCookie = (cookie) => void call('addCookie', kernel.stringify(cookie));
exports.reset = () => void call('reset');
exports.sendRedirect = (location) => void call('sendRedirect', location);
exports.sendError = (status, message) => void call('sendError', status, message);

exports.CONTINUE = 100;
exports.SWITCHING_PROTOCOLS = 101;
exports.OK = 200;
exports.CREATED = 201;
exports.ACCEPTED = 202;
exports.NON_AUTHORITATIVE_INFORMATION = 203;
exports.NO_CONTENT = 204;
exports.RESET_CONTENT = 205;
exports.PARTIAL_CONTENT = 206;
exports.MULTIPLE_CHOICES = 300;
exports.MOVED_PERMANENTLY = 301;
exports.MOVED_TEMPORARILY = 302;
exports.FOUND = 302;
exports.SEE_OTHER = 303;
exports.NOT_MODIFIED = 304;
exports.USE_PROXY = 305;
exports.TEMPORARY_REDIRECT = 307;
exports.BAD_REQUEST = 400;
exports.UNAUTHORIZED = 401;
exports.PAYMENT_REQUIRED = 402;
exports.FORBIDDEN = 403;
exports.NOT_FOUND = 404;
exports.METHOD_NOT_ALLOWED = 405;
exports.NOT_ACCEPTABLE = 406;
exports.PROXY_AUTHENTICATION_REQUIRED = 407;
exports.REQUEST_TIMEOUT = 408;
exports.CONFLICT = 409;
exports.GONE = 410;
exports.LENGTH_REQUIRED = 411;
exports.PRECONDITION_FAILED = 412;
exports.REQUEST_ENTITY_TOO_LARGE = 413;
exports.REQUEST_URI_TOO_LONG = 414;
exports.UNSUPPORTED_MEDIA_TYPE = 415;
exports.REQUESTED_RANGE_NOT_SATISFIABLE = 416;
exports.EXPECTATION_FAILED = 417;
exports.INTERNAL_SERVER_ERROR = 500;
exports.NOT_IMPLEMENTED = 501;
exports.BAD_GATEWAY = 502;
exports.SERVICE_UNAVAILABLE = 503;
exports.GATEWAY_TIMEOUT = 504;
exports.HTTP_VERSION_NOT_SUPPORTED = 505;

// Dirigible's reason phrases of the status codes above (RFC 7231, section 6.1), by code as text.
const HttpCodesReasons = {
  100: 'Continue',
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  426: 'Upgrade Required',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
};
// The phrase of a code (a number or its text); undefined for one not in the table; ERR_INVALID_ARG for no number.
HttpCodesReasons.getReason = (code) => {
  // null, '' and booleans are no number, though Number() reads them as 0 or 1.
  const number = typeof code === 'number' ? code : typeof code === 'string' && code.trim() !== '' ? Number(code) : NaN;
  if (Number.isNaN(number)) call('invalidReasonCode', String(code));
  const reason = HttpCodesReasons[String(code)];
  return typeof reason === 'string' ? reason : undefined;
};
exports.HttpCodesReasons = Object.freeze(HttpCodesReasons);
