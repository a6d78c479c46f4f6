/**
 * Host half of `http/v4/response`: the buffered response of the current request. Text is written
 * as UTF-8; bytes cross the boundary as a latin1 string that maps one character to one byte.
 */
import { javaAddressText } from '../../common/ip-address.js';
import { InvalidArgumentError, InvalidStatusError, ResponseCommittedError } from '../../common/errors.js';
import { isFinalStatus } from '../../common/framing-headers.js';
import { encodeSessionUrl } from '../../common/url-rewriting.js';
import type { Facade, FacadeFunction, RequestContext } from './context.js';
import { javaLocaleText } from './java-locale.js';
import { charsetOf } from './request.js';
import { redirectLocation } from './redirect-location.js';
import type { ResponseBuffer } from './response-buffer.js';
import { setCookieHeader } from './response-cookie.js';
import { sendErrorBody } from './send-error.js';
import { addHeader, checkedHeader, setCharacterEncoding, setContentType, setHeader } from './response-headers.js';

/** A response function that changes the buffer and returns nothing. */
function changes(change: (response: ResponseBuffer, args: readonly unknown[]) => void): FacadeFunction {
  return (context, args) => {
    change(context.response, args);
    return undefined;
  };
}

function status(method: string, value: unknown): number {
  const code = Number(value);
  if (!isFinalStatus(code)) throw new InvalidStatusError(method, value);
  return code;
}

/**
 * Servlet `encodeURL`: adds the session id to `url` when URL rewriting is on, the request has a
 * session, and the client did not send the session cookie; otherwise `url` unchanged.
 */
function encodeUrl(context: RequestContext, url: unknown): string {
  const text = String(url);
  const parameter = context.session.settings.urlParameter;
  // Asked only when it may be needed: asking loads a session the run was started without.
  if (parameter === null || context.request.cookieSent) return text;
  const id = context.session.existingId();
  if (id === undefined) return text;
  const { scheme, serverName, serverPort, mountPath, contextPath, url: requestUrl } = context.request;
  return encodeSessionUrl(text, id, parameter, {
    scheme,
    // As request.getServerName() gives it, so a URL a script builds from that is the application's.
    serverName: javaAddressText(serverName),
    serverPort,
    contextPath: mountPath + contextPath,
    requestUri: requestUrl.split('?')[0] ?? '',
  });
}

/** Servlet `flushBuffer`: status and headers are final from now on. */
function commit(response: ResponseBuffer): void {
  response.committed = true;
}

/** Servlet close of the output: committed, and later output is ignored. */
function close(response: ResponseBuffer): void {
  response.committed = true;
  response.closed = true;
}

/**
 * Applies what the guest kernel deferred to its next host call: printed `text` (a string; any
 * other value is none), then a `flush()` (`commit` 1) or `close()` (2). The kernel defers them
 * only when they cannot fail, and they change nothing but what later calls of the run see.
 */
export function applyDeferred(response: ResponseBuffer, text: unknown, deferred: unknown): void {
  if (typeof text === 'string') response.write(Buffer.from(text, 'utf8'), 'print');
  if (deferred === 1) commit(response);
  else if (deferred === 2) close(response);
}

/** The response facade, by function name. */
export const responseFacade: Facade = {
  print: changes((response, [text]) => response.write(Buffer.from(String(text), 'utf8'), 'print')),
  write: changes((response, [data, binary]) =>
    response.write(Buffer.from(String(data), binary === true ? 'latin1' : 'utf8'), 'write'),
  ),
  flush: changes(commit),
  close: changes(close),
  isCommitted: (context) => context.response.committed,
  setStatus: changes((response, [code]) => {
    const value = status('setStatus', code);
    if (!response.committed) response.status = value;
  }),
  getStatus: (context) => context.response.status,
  setHeader: changes((response, [name, value]) => setHeader(response, name, value)),
  addHeader: changes((response, [name, value]) => addHeader(response, name, value)),
  getHeader: (context, [name]) => context.response.getHeader(String(name)) ?? null,
  containsHeader: (context, [name]) => context.response.getHeader(String(name)) !== undefined,
  getHeaders: (context, [name]) => {
    const lower = String(name).toLowerCase();
    return JSON.stringify(
      context.response.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value),
    );
  },
  getHeaderNames: (context) => {
    const names = new Map<string, string>();
    for (const [key] of context.response.headers) if (!names.has(key.toLowerCase())) names.set(key.toLowerCase(), key);
    return JSON.stringify([...names.values()]);
  },
  setLocale: changes((response, [language, country, variant]) => {
    const tag = [language, country, variant]
      .filter((part) => part !== undefined && part !== null && part !== '')
      .map(String)
      .join('-');
    response.setHeader(...checkedHeader('setLocale', 'Content-Language', tag), 'setLocale');
  }),
  // The locale set, as Java writes it (de_AT); the header carries its language tag (de-AT).
  getLocale: (context) => javaLocaleText(context.response.getHeader('Content-Language') ?? 'en'),
  setContentType: changes((response, [type]) => setContentType(response, type)),
  getContentType: (context) => context.response.getHeader('Content-Type') ?? null,
  setCharacterEncoding: changes((response, [charset]) => setCharacterEncoding(response, charset)),
  getCharacterEncoding: (context) => charsetOf(context.response.getHeader('Content-Type')) ?? 'UTF-8',
  getContentLength: (context) => context.response.length,
  setContentLength: changes(() => undefined),
  encodeURL: (context, [url]) => encodeUrl(context, url),
  encodeRedirectURL: (context, [url]) => encodeUrl(context, url),
  addCookie: changes((response, [json]) => response.addHeader('Set-Cookie', setCookieHeader(json), 'addCookie')),
  // Servlet reset(): once committed, an IllegalStateException on Dirigible's container.
  reset: changes((response) => {
    if (response.committed) throw new ResponseCommittedError('reset');
    response.resetBody();
    response.clearHeaders();
    response.status = 200;
  }),
  sendRedirect: changes((response, [location]) => {
    if (response.committed) throw new ResponseCommittedError('sendRedirect');
    // Checked first: a location that cannot be sent changes nothing (status, body, headers).
    const header = checkedHeader(
      'sendRedirect',
      'Location',
      typeof location === 'string' ? redirectLocation(location) : location,
    );
    response.resetBody();
    response.status = 302;
    response.setHeader(...header, 'sendRedirect');
    close(response);
  }),
  // HttpCodesReasons.getReason(code) with no number: Dirigible throws; here ERR_INVALID_ARG.
  invalidReasonCode: (_context, [code]) => {
    throw new InvalidArgumentError(
      'HttpCodesReasons.getReason',
      `${JSON.stringify(String(code))} is not an HTTP status code`,
    );
  },
  sendError: (context, [code, message]) => {
    const { response } = context;
    if (response.committed) throw new ResponseCommittedError('sendError');
    const value = status('sendError', code);
    const { contentType, text } = sendErrorBody(context.request, value, message);
    response.resetBody();
    response.status = value;
    response.setHeader('Content-Type', contentType, 'sendError');
    response.write(Buffer.from(text), 'sendError');
    close(response);
    return undefined;
  },
};
