/**
 * Turns the options of a Dirigible `http/v4/client` call into the call the main process carries
 * out: method, URL, headers, body (`data` bytes, `text` in its charset, or `params` as a form), the response form
 * (`binary`), redirects (`redirectsEnabled`, `maxRedirects`) and the time limit.
 */
import { InvalidArgumentError } from '../../common/errors.js';
import { clientCallHeadExcess, type HttpClientCall } from '../../common/host-call.js';
import { encodeText } from './client-text.js';

/** Redirects followed when `redirectsEnabled` is set without `maxRedirects`. */
const DEFAULT_MAX_REDIRECTS = 5;

/** Dirigible's options, as the guest sent them (JSON), less `data`. */
export type ClientOptions = Record<string, unknown>;

/**
 * Header pairs from `[{ name, value }]` (Dirigible) or a `{ name: value }` object. A name given
 * again replaces the earlier value in its place, as Dirigible's `setHeader` does.
 */
function headerPairs(headers: unknown): Array<[string, string]> {
  if (headers === undefined || headers === null) return [];
  let pairs: Array<[string, string]>;
  if (Array.isArray(headers)) {
    pairs = headers.map((header: unknown) => {
      const { name, value } = (header ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name !== 'string' || name === '')
        throw new InvalidArgumentError('http client', 'each of options.headers must be { name, value } with a name');
      return [name, String(value ?? '')];
    });
  } else if (typeof headers === 'object') {
    pairs = Object.entries(headers).map(([name, value]) => [name, String(value)]);
  } else {
    throw new InvalidArgumentError('http client', 'options.headers must be an array of { name, value }');
  }
  // By lower-case name, so a script's thousands of headers cost one pass, not a pass each.
  const byName = new Map<string, [string, string]>();
  for (const [name, value] of pairs) {
    const same = byName.get(name.toLowerCase());
    if (same === undefined) byName.set(name.toLowerCase(), [name, value]);
    else same[1] = value;
  }
  return [...byName.values()];
}

function hasHeader(headers: Array<[string, string]>, name: string): boolean {
  return headers.some(([key]) => key.toLowerCase() === name);
}

/** Methods whose request carries a body, as on Dirigible (its other methods send none). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request body and the Content-Type it implies, by Dirigible's order: data, text, else
 * `params` as a form (an empty one without params, as Dirigible sends).
 */
function requestBody(
  method: string,
  options: ClientOptions,
  data: string | undefined,
): { body: Buffer; contentType: string } | undefined {
  if (!BODY_METHODS.has(method)) return undefined;
  if (data !== undefined) return { body: Buffer.from(data, 'latin1'), contentType: 'application/octet-stream' };
  const text = options['text'];
  if (text !== undefined && text !== null) {
    let contentType = typeof options['contentType'] === 'string' ? options['contentType'] : 'text/plain';
    const charset = typeof options['characterEncoding'] === 'string' ? options['characterEncoding'] : 'UTF-8';
    if (options['characterEncodingEnabled'] !== false && !/charset=/i.test(contentType))
      contentType += `; charset=${charset}`;
    return { body: encodeText(String(text), contentType), contentType };
  }
  if (options['files'] !== undefined && options['files'] !== null)
    throw new InvalidArgumentError(
      'http client',
      'options.files (paths of server files) is not supported; send the bytes as data',
    );
  const params = options['params'];
  const form = new URLSearchParams();
  if (Array.isArray(params))
    for (const param of params as Array<{ name?: unknown; value?: unknown }>)
      form.append(String(param?.name), String(param?.value ?? ''));
  return { body: Buffer.from(form.toString()), contentType: 'application/x-www-form-urlencoded' };
}

/** A positive whole number of ms from an option, or `undefined`. */
function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

/**
 * The call for `method url options`, with at most `timeLeftMs` to take.
 * @throws InvalidArgumentError (`ERR_INVALID_ARG`) for options it cannot carry out, and for a
 *   method, URL and headers over the limits of common/host-call.ts
 */
export function clientCall(
  id: number,
  url: unknown,
  options: ClientOptions,
  data: string | undefined,
  timeLeftMs: number,
): { call: HttpClientCall; body: Uint8Array | undefined } {
  if (typeof url !== 'string' || url === '')
    throw new InvalidArgumentError('http client', 'the URL must be a non-empty string');
  const method = String(options['method'] ?? 'GET').toUpperCase();
  const headers = headerPairs(options['headers']);
  const payload = requestBody(method, options, data);
  if (payload !== undefined && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', payload.contentType]);
  const excess = clientCallHeadExcess(method, url, headers);
  if (excess !== undefined) throw new InvalidArgumentError('http client', excess);
  const connect = positive(options['connectTimeout']) ?? 0;
  const socket = positive(options['socketTimeout']);
  const timeoutMs = Math.min(timeLeftMs, socket === undefined ? Number.POSITIVE_INFINITY : connect + socket);
  const call: HttpClientCall = {
    type: 'http-client',
    id,
    method,
    url,
    headers,
    hasBody: payload !== undefined,
    binary: options['binary'] === true,
    followRedirects: options['redirectsEnabled'] === true,
    maxRedirects: positive(options['maxRedirects']) ?? DEFAULT_MAX_REDIRECTS,
    timeoutMs,
  };
  return { call, body: payload?.body };
}
