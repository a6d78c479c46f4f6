/**
 * The servlet rules of the response's headers, for the response facade: a `null` value (the
 * guest sends `undefined` as `null`) removes or resets and is never sent as text, and
 * `Content-Type` is one value whose charset follows the encoding the script set.
 *
 * ServletResponse.setCharacterEncoding: "Calling setContentType with the String of text/html and
 * calling this method with the String of UTF-8 is equivalent with calling setContentType with the
 * String of text/html; charset=UTF-8", in either order: a content type without a charset keeps
 * the encoding set before. `setContentType(null)` and `setCharacterEncoding(null)` reset, and
 * `setHeader` / `addHeader` of `Content-Type` are `setContentType` (Tomcat's rules).
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { InvalidArgumentError } from '../../common/errors.js';
import { charsetOf } from './request.js';
import type { ResponseBuffer } from './response-buffer.js';

const CONTENT_TYPE = 'Content-Type';

/** `name` as a header name; throws `ERR_INVALID_ARG` naming `method` when it is not one. */
function checkedName(method: string, name: unknown): string {
  const headerName = String(name);
  try {
    validateHeaderName(headerName);
  } catch {
    throw new InvalidArgumentError(method, `invalid header ${JSON.stringify(headerName)}`);
  }
  return headerName;
}

/**
 * `[name, value]` as texts fit for a header; throws `ERR_INVALID_ARG` naming `method` when they
 * are not (a line break, for one).
 */
export function checkedHeader(method: string, name: unknown, value: unknown): [string, string] {
  const headerName = checkedName(method, name);
  const headerValue = String(value);
  try {
    validateHeaderValue(headerName, headerValue);
  } catch {
    throw new InvalidArgumentError(method, `invalid header ${JSON.stringify(headerName)}`);
  }
  return [headerName, headerValue];
}

const isNone = (value: unknown): value is null | undefined => value === null || value === undefined;
const isContentType = (name: string) => name.toLowerCase() === 'content-type';
const withoutCharset = (type: string) => type.replace(/;\s*charset=[^;]*/i, '');

/**
 * Servlet `setContentType(type)`, unless committed: a type with a charset sets the encoding too;
 * one without gets the encoding set before, if any; `null` removes the header and the encoding.
 */
export function setContentType(response: ResponseBuffer, type: unknown, method = 'setContentType'): void {
  if (response.committed) return;
  if (isNone(type)) {
    response.removeHeader(CONTENT_TYPE);
    return;
  }
  const text = String(type);
  // The encoding set before is the charset of the Content-Type it left: no state of its own.
  const before = charsetOf(text) === null ? charsetOf(response.getHeader(CONTENT_TYPE)) : null;
  const value = before === null ? text : `${text};charset=${before}`;
  response.setHeader(...checkedHeader(method, CONTENT_TYPE, value), method);
}

/**
 * Servlet `setCharacterEncoding(charset)`, unless committed: the `charset` of `Content-Type`
 * (`text/plain` when no type was set), kept for later content types; `null` takes it away.
 */
export function setCharacterEncoding(response: ResponseBuffer, charset: unknown): void {
  const method = 'setCharacterEncoding';
  if (response.committed) return;
  const type = response.getHeader(CONTENT_TYPE);
  if (isNone(charset)) {
    if (type !== undefined) response.setHeader(...checkedHeader(method, CONTENT_TYPE, withoutCharset(type)), method);
    return;
  }
  response.setHeader(
    ...checkedHeader(method, CONTENT_TYPE, `${withoutCharset(type ?? 'text/plain')};charset=${String(charset)}`),
    method,
  );
}

/** Servlet `setHeader(name, value)`: replaces every value; a `null` value removes the header. */
export function setHeader(response: ResponseBuffer, name: unknown, value: unknown): void {
  const method = 'setHeader';
  const headerName = checkedName(method, name);
  if (isContentType(headerName)) setContentType(response, value, method);
  else if (!isNone(value)) response.setHeader(...checkedHeader(method, headerName, value), method);
  else if (!response.committed) response.removeHeader(headerName);
}

/** Servlet `addHeader(name, value)`: adds a value; a `null` value does nothing. */
export function addHeader(response: ResponseBuffer, name: unknown, value: unknown): void {
  const method = 'addHeader';
  const headerName = checkedName(method, name);
  if (isNone(value)) return;
  if (isContentType(headerName)) setContentType(response, value, method);
  else response.addHeader(...checkedHeader(method, headerName, value), method);
}
