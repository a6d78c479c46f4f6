/**
 * The HTML page of an error response, for clients that accept HTML (browsers): the status, the
 * error's name and message, escaped; the stack only when the body carries one (development mode).
 */
import type { IncomingMessage } from 'node:http';

/** The fields of an error body the page shows. */
export interface ErrorPageBody {
  status: number;
  error: string;
  code: string;
  message: string;
  stack?: string;
}

/** True when the request's `Accept` lists `text/html` (browsers' navigations do; `fetch` and curl do not). */
export function acceptsHtml(request: IncomingMessage | undefined): boolean {
  const accept = request?.headers.accept ?? '';
  return /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept) && !/(^|,)\s*text\/html\s*;\s*q=0(\.0*)?\s*(,|$)/i.test(accept);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A small self-contained HTML page for `body`. */
export function errorPage(body: ErrorPageBody): string {
  const title = `${body.status} ${escapeHtml(body.error)}`;
  const stack = body.stack === undefined ? '' : `\n<pre>${escapeHtml(body.stack)}</pre>`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:3em;color:#222}code{color:#666}</style></head>
<body>
<h1>${title}</h1>
<p>${escapeHtml(body.message)}</p>
<p><code>${escapeHtml(body.code)}</code></p>${stack}
</body>
</html>
`;
}
