/**
 * Error responses: JSON `{ status, error, code, message }`, plus `stack` in development mode; an
 * HTML page with the same fields for clients that accept HTML.
 */
import type { ServerResponse } from 'node:http';
import type { ErrorDescriptor } from '../../common/errors.js';
import { acceptsHtml, errorPage } from '../../common/error-page.js';

/**
 * The JSON body of an error response, as DESIGN.md's public contract fixes it for HTTP clients: an
 * `ErrorDescriptor` with the response's `status`, and the error's name under `error`. Made only by
 * `errorBody`.
 */
export interface ErrorBody {
  status: number;
  error: string;
  code: string;
  message: string;
  stack?: string;
}

/** The body answering `descriptor` with `status`; its stack only when `withStack` (development mode). */
export function errorBody(descriptor: ErrorDescriptor, status: number, withStack = false): ErrorBody {
  const { name, code, message, stack } = descriptor;
  return { status, error: name, code, message, ...(withStack && stack !== undefined && stack !== '' ? { stack } : {}) };
}

/** Sends an error as JSON (or HTML when the request accepts it) unless headers are already out. */
export function sendError(response: ServerResponse, body: ErrorBody, extraHeaders: Array<[string, string]> = []): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const html = acceptsHtml(response.req?.headers.accept);
  const payload = Buffer.from(html ? errorPage(body) : JSON.stringify(body));
  response.statusCode = body.status;
  for (const [name, value] of extraHeaders) response.appendHeader(name, value);
  response.setHeader('Content-Type', html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8');
  response.setHeader('Content-Length', payload.length);
  response.setHeader('Cache-Control', 'no-store');
  response.end(payload);
}
