/**
 * Error responses: JSON `{ status, error, code, message }`, plus `stack` in development mode.
 */
import type { ServerResponse } from 'node:http';
import { OverloadedError } from '../../common/errors.js';

export interface ErrorBody {
  status: number;
  error: string;
  code: string;
  message: string;
  stack?: string;
}

/** Sends an error as JSON unless headers are already out. */
export function sendError(response: ServerResponse, body: ErrorBody, extraHeaders: Array<[string, string]> = []): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body));
  response.statusCode = body.status;
  for (const [name, value] of extraHeaders) response.appendHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', payload.length);
  response.setHeader('Cache-Control', 'no-store');
  response.end(payload);
}

/** The `Retry-After` header an error asks for (overload), or none. */
export function retryAfter(error: unknown): Array<[string, string]> {
  return error instanceof OverloadedError ? [['Retry-After', String(error.retryAfter)]] : [];
}
