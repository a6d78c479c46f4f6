/**
 * Carries out the HTTP client calls of scripts (`http/v4/client`) in the main process, with
 * node:http(s) (send-once.ts): only hosts and addresses of `allowedHosts` (checked on the resolved
 * address, which the connection is pinned to), redirects followed only when asked, by the rules
 * of Dirigible's HttpClient and only within the list, a time limit and a response size limit.
 * Connections are kept alive and reused per origin (connection-pool.ts).
 * Everything a worker sends is checked again here: a worker runs hostile code.
 */
import type { IncomingMessage } from 'node:http';
import {
  CodedError,
  HttpClientFailedError,
  InvalidArgumentError,
  HttpClientRefusedError,
  HttpClientTimeoutError,
} from '../../common/errors.js';
import { clientCallHeadExcess, type HttpClientAnswer, type HttpClientCall } from '../../common/host-call.js';
import type { HostCallHandler } from '../supervisor/host-calls.js';
import { HostAllowlist, hostAndPort } from './allowlist.js';
import type { HttpClientOptions } from './client-options.js';
import type { ConnectionPool } from './connection-pool.js';
import { pinnedLookup, type Refusals, type Resolver } from './pinned-lookup.js';
import { isTextType, readLimited } from './response-body.js';
import { type Attempt, rawHeaderList, sendOnce } from './send-once.js';
import { WireBudget } from './wire-budget.js';

/** Methods a script may send. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);
/** Headers the client sets itself; a script's are dropped. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
]);
/** Headers not sent on to another origin after a redirect. */
const CREDENTIALS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Statuses whose response has no body (nor `text` nor `data`, as on Dirigible). */
const NO_BODY = new Set([204, 205, 304]);
/** Most redirects followed whatever the script asks. */
const MAX_REDIRECTS = 10;
/**
 * Methods sent again, once, on a connection of their own when a kept-alive connection fails
 * before any answer (the server closed it as the request went out): idempotent and, here,
 * without a body, the methods Apache HttpClient (Dirigible's client) retries by default.
 */
const RETRIED = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'DELETE']);
/** Failures of a kept-alive connection the server closed or reset (Node's "socket hang up" is `ECONNRESET`). */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * The host-call handler that carries out client calls under `options`, on the connections of
 * `pool` (its owner closes it); names are resolved with `resolve`, `dns.lookup` but in specs.
 */
export function httpClientService(
  options: Required<HttpClientOptions>,
  pool: ConnectionPool,
  resolve?: Resolver,
): HostCallHandler {
  const allowlist = new HostAllowlist(options.allowedHosts);
  const context: ServiceContext = { allowlist, options, pool, resolve };
  return async (call, body) => {
    if (call.type !== 'http-client') throw new InvalidArgumentError('http client', 'unknown host call');
    const timeoutMs = Math.max(0, Math.min(Number(call.timeoutMs) || 0, options.httpClientTimeout));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await perform(call, call.hasBody === true ? body : undefined, context, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw new HttpClientTimeoutError(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** What every call of one service shares. */
interface ServiceContext {
  allowlist: HostAllowlist;
  options: Required<HttpClientOptions>;
  pool: ConnectionPool;
  resolve: Resolver | undefined;
}

async function perform(
  call: HttpClientCall,
  body: Uint8Array | undefined,
  context: ServiceContext,
  signal: AbortSignal,
): Promise<{ reply: HttpClientAnswer; body?: Uint8Array }> {
  const { allowlist, options } = context;
  let method = String(call.method).toUpperCase();
  if (!METHODS.has(method))
    throw new InvalidArgumentError('http client', `method ${JSON.stringify(call.method)} is not supported`);
  const excess = clientCallHeadExcess(method, String(call.url), checkedHeaders(call.headers, false));
  if (excess !== undefined) throw new InvalidArgumentError('http client', excess);
  let url = parseUrl(call.url);
  let headers = checkedHeaders(call.headers);
  let payload = method === 'GET' || method === 'HEAD' ? undefined : body;
  const redirectsLeft =
    call.followRedirects === true ? Math.min(Math.max(0, Number(call.maxRedirects) || 0), MAX_REDIRECTS) : 0;
  for (let hop = 0; ; hop++) {
    allowlist.checkUrl(url);
    const wire = new WireBudget();
    const response = await fetchOnce(url, method, headers, payload, context, signal, wire);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (call.followRedirects === true && followsRedirect(method, status) && location !== undefined) {
      // Its body is not read: the connection is closed, not pooled.
      response.destroy();
      if (hop >= redirectsLeft) throw new HttpClientFailedError(`more than ${redirectsLeft} redirects`);
      const next = parseUrl(location, url);
      try {
        allowlist.checkUrl(next);
      } catch (error) {
        const reason = error instanceof CodedError ? error.message.replace(/^http client: /, '') : String(error);
        throw new HttpClientRefusedError(`redirect to ${next.href} refused: ${reason}`);
      }
      if (status === 303 && method !== 'HEAD') {
        method = 'GET';
        payload = undefined;
        headers = headers.filter(([name]) => !name.toLowerCase().startsWith('content-'));
      }
      if (next.origin !== url.origin) headers = headers.filter(([name]) => !CREDENTIALS.has(name.toLowerCase()));
      url = next;
      continue;
    }
    const hasBody = method !== 'HEAD' && !NO_BODY.has(status);
    // An answer without a body ends at once, once read: only then does its connection go back to the pool.
    if (!hasBody) await ended(response);
    const bytes = hasBody ? await readBody(response, options.httpClientMaxResponseSize, signal, wire) : undefined;
    const contentType = response.headers['content-type'] ?? null;
    const asText = bytes !== undefined && call.binary !== true && isTextType(contentType);
    const reply: HttpClientAnswer = {
      id: call.id,
      ok: true,
      statusCode: status,
      statusMessage: response.statusMessage ?? '',
      protocol: 'HTTP',
      headers: rawHeaderList(response),
      text: asText,
      binary: bytes !== undefined && !asText,
    };
    return bytes === undefined ? { reply } : { reply, body: bytes };
  }
}

/**
 * The response body up to `limit` bytes; a body the server or the network breaks off is
 * `ERR_HTTP_CLIENT_FAILED`, as a failure before the answer is (a timeout is the caller's to name).
 */
async function readBody(
  response: IncomingMessage,
  limit: number,
  signal: AbortSignal,
  wire: WireBudget,
): Promise<Buffer> {
  try {
    const bytes = await readLimited(response, limit, wire);
    if (wire.exceeded) throw overheadError(wire);
    return bytes;
  } catch (error) {
    if (signal.aborted || error instanceof CodedError) throw error;
    if (wire.exceeded) throw overheadError(wire);
    throw new HttpClientFailedError(`the answer broke off: ${failureText(error)}`);
  }
}

/** Reads an answer without a body to its end, which it reaches at once. */
function ended(response: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    response.once('end', resolve);
    response.once('close', resolve);
    response.resume();
  });
}

/**
 * True when Dirigible's HttpClient (its DefaultRedirectStrategy) follows a `status` answered to
 * `method`: 303 always (as a GET), 301, 302, 307 and 308 only for GET and HEAD; any other
 * method gets the 3xx response itself.
 */
function followsRedirect(method: string, status: number): boolean {
  return REDIRECTS.has(status) && (status === 303 || method === 'GET' || method === 'HEAD');
}

/**
 * One exchange, on a pooled connection; sent again once, on a new connection of its own (which the
 * pool tracks, and does not open once closed), when a pooled one turns out closed by the server
 * before any answer and the method may be repeated.
 */
async function fetchOnce(
  url: URL,
  method: string,
  headers: Array<[string, string]>,
  body: Uint8Array | undefined,
  { allowlist, pool, resolve }: ServiceContext,
  signal: AbortSignal,
  wire: WireBudget,
): Promise<IncomingMessage> {
  const refusals: Refusals = {};
  const lookup = pinnedLookup(allowlist, hostAndPort(url).port, refusals, resolve);
  const attempt: Attempt = {};
  try {
    try {
      return await sendOnce(url, method, headers, body, { lookup, agent: pool.agentFor(url), attempt }, signal, wire);
    } catch (error) {
      if (!staleConnection(error, attempt, method, signal, wire)) throw error;
      const agent = pool.freshAgentFor(url);
      return await sendOnce(url, method, headers, body, { lookup, agent, attempt: {} }, signal, wire);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    if (wire.exceeded) throw overheadError(wire);
    if (refusals.refused !== undefined) throw new HttpClientRefusedError(refusals.refused);
    if (error instanceof CodedError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_INVALID') || code === 'ERR_UNESCAPED_CHARACTERS')
      throw new InvalidArgumentError('http client', (error as Error).message);
    throw new HttpClientFailedError(failureText(error));
  }
}

/** True when `error` is a kept-alive connection the server had closed, and the call may be sent again. */
function staleConnection(
  error: unknown,
  attempt: Attempt,
  method: string,
  signal: AbortSignal,
  wire: WireBudget,
): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return (
    attempt.reusedSocket === true &&
    STALE_CONNECTION.has(code) &&
    RETRIED.has(method) &&
    !signal.aborted &&
    !wire.exceeded
  );
}

/** The failure of an answer past its wire budget (wire-budget.ts). */
function overheadError(wire: WireBudget): HttpClientFailedError {
  return new HttpClientFailedError(
    `the answer took more than ${wire.maxOverhead} bytes beyond its body (status lines, headers, informational responses, chunk framing)`,
  );
}

function parseUrl(text: unknown, base?: URL): URL {
  try {
    return new URL(String(text), base);
  } catch {
    throw new InvalidArgumentError('http client', `${JSON.stringify(String(text))} is not a valid URL`);
  }
}

/** The call's header pairs as strings; without those the client sets itself unless `dropOwn` is false. */
function checkedHeaders(headers: unknown, dropOwn = true): Array<[string, string]> {
  if (!Array.isArray(headers)) return [];
  const pairs = headers
    .filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2)
    .map(([name, value]): [string, string] => [String(name), String(value)]);
  return dropOwn ? pairs.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())) : pairs;
}

/** What went wrong on the network, without the stack: `ECONNREFUSED 127.0.0.1:1`, `certificate has expired`. */
function failureText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code !== undefined && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
