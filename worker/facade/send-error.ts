/**
 * The body of `response.sendError(status, message)`: JSON `{ status, error, message }`, or, for a
 * request whose `Accept` lists `text/html` (a browser's navigation), the HTML page the runtime's
 * own error responses use, as a servlet container shows its error page to a browser.
 */
import { STATUS_CODES } from 'node:http';
import { acceptsHtml, errorPage } from '../../common/error-page.js';
import { headerValues } from '../../common/request-headers.js';
import type { RequestSnapshot } from '../../common/snapshot.js';

/** The `Content-Type` and text of the answer to `sendError(status, message)` for `request`. */
export function sendErrorBody(
  request: RequestSnapshot,
  status: number,
  message: unknown,
): { contentType: string; text: string } {
  const error = STATUS_CODES[status] ?? 'Error';
  const text = message === undefined || message === null ? (STATUS_CODES[status] ?? '') : String(message);
  const accept = headerValues(request.rawHeaders).get('accept')?.join(',');
  if (acceptsHtml(accept)) {
    return { contentType: 'text/html; charset=utf-8', text: errorPage({ status, error, code: '', message: text }) };
  }
  return { contentType: 'application/json; charset=utf-8', text: JSON.stringify({ status, error, message: text }) };
}
