/**
 * The HTML page of an error response, for clients that accept HTML (browsers): the status, the
 * error's name, message and code, escaped; the stack only when the body carries one (development
 * mode). The main process answers its errors with it, and the worker a script's `sendError`.
 */

/** The fields of an error body the page shows. */
export interface ErrorPageBody {
  status: number;
  error: string;
  code: string;
  message: string;
  stack?: string;
}

/**
 * True when a request's `Accept` header lists `text/html` (browsers' navigations do; `fetch` and
 * curl do not), with a quality above 0.
 *
 * @param accept the header's value, `undefined` or `null` when there is none
 */
export function acceptsHtml(accept: string | null | undefined): boolean {
  accept ??= '';
  return /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept) && !/(^|,)\s*text\/html\s*;\s*q=0(\.0*)?\s*(,|$)/i.test(accept);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A small self-contained HTML page for `body` (a code of `""`, an error without one, shows none).
 *
 * @example errorPage({ status: 404, error: 'Not Found', code: '', message: 'no order 42' })
 */
export function errorPage(body: ErrorPageBody): string {
  const title = `${body.status} ${escapeHtml(body.error)}`;
  const code = body.code === '' ? '' : `\n<p><code>${escapeHtml(body.code)}</code></p>`;
  const stack = body.stack === undefined ? '' : `\n<pre>${escapeHtml(body.stack)}</pre>`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:3em;color:#222}code{color:#666}</style></head>
<body>
<h1>${title}</h1>
<p>${escapeHtml(body.message)}</p>${code}${stack}
</body>
</html>
`;
}
