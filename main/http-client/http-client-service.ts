/**
 * Carries out the HTTP client calls of scripts (`http/v4/client`) in the main process, with
 * undici's fetch: only hosts and addresses of `allowedHosts` (checked on the resolved address,
 * which the connection is pinned to), redirects followed only when asked and only within the
 * list, a time limit and a response size limit. Everything a worker sends is checked again here:
 * a worker runs hostile code.
 */
import { fetch } from 'undici';
import {
  CodedError,
  HttpClientFailedError,
  InvalidArgumentError,
  HttpClientRefusedError,
  HttpClientTimeoutError,
} from '../../common/errors.js';
import type { HttpClientAnswer, HttpClientCall } from '../../common/host-call.js';
import type { HostCallHandler } from '../supervisor/host-calls.js';
import { HostAllowlist, hostAndPort } from './allowlist.js';
import type { HttpClientOptions } from './client-options.js';
import { pinnedAgent, type Refusals } from './pinned-agent.js';
import { decodeText, isTextType, readLimited } from './response-body.js';

/** Methods a script may send. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
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
/** Most redirects followed whatever the script asks. */
const MAX_REDIRECTS = 10;

/** The host-call handler that carries out client calls under `options`. */
export function httpClientService(options: Required<HttpClientOptions>): HostCallHandler {
  const allowlist = new HostAllowlist(options.allowedHosts);
  return async (call, body) => {
    if (call.type !== 'http-client') throw new InvalidArgumentError('http client', 'unknown host call');
    const timeoutMs = Math.max(0, Math.min(Number(call.timeoutMs) || 0, options.httpClientTimeout));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await perform(call, call.hasBody === true ? body : undefined, allowlist, options, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw new HttpClientTimeoutError(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

async function perform(
  call: HttpClientCall,
  body: Uint8Array | undefined,
  allowlist: HostAllowlist,
  options: Required<HttpClientOptions>,
  signal: AbortSignal,
): Promise<{ reply: HttpClientAnswer; body?: Uint8Array }> {
  let method = String(call.method).toUpperCase();
  if (!METHODS.has(method))
    throw new InvalidArgumentError('http client', `method ${JSON.stringify(call.method)} is not supported`);
  let url = parseUrl(call.url);
  let headers = checkedHeaders(call.headers);
  let payload = method === 'GET' || method === 'HEAD' ? undefined : body;
  const redirectsLeft =
    call.followRedirects === true ? Math.min(Math.max(0, Number(call.maxRedirects) || 0), MAX_REDIRECTS) : 0;
  for (let hop = 0; ; hop++) {
    allowlist.checkUrl(url);
    const response = await fetchOnce(url, method, headers, payload, allowlist, signal);
    const location = response.headers.get('location');
    if (call.followRedirects === true && REDIRECTS.has(response.status) && location !== null) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= redirectsLeft) throw new HttpClientFailedError(`more than ${redirectsLeft} redirects`);
      const next = parseUrl(location, url);
      try {
        allowlist.checkUrl(next);
      } catch (error) {
        const reason = error instanceof CodedError ? error.message.replace(/^http client: /, '') : String(error);
        throw new HttpClientRefusedError(`redirect to ${next.href} refused: ${reason}`);
      }
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        payload = undefined;
        headers = headers.filter(([name]) => !name.toLowerCase().startsWith('content-'));
      }
      if (next.origin !== url.origin) headers = headers.filter(([name]) => !CREDENTIALS.has(name.toLowerCase()));
      url = next;
      continue;
    }
    const bytes =
      method === 'HEAD' ? Buffer.alloc(0) : await readLimited(response.body, options.httpClientMaxResponseSize);
    const contentType = response.headers.get('content-type');
    const asText = call.binary !== true && isTextType(contentType);
    const reply: HttpClientAnswer = {
      id: call.id,
      ok: true,
      statusCode: response.status,
      statusMessage: response.statusText,
      protocol: 'HTTP',
      headers: responseHeaders(response.headers),
      binary: !asText,
      ...(asText ? { text: decodeText(bytes, contentType) } : {}),
    };
    return asText ? { reply } : { reply, body: bytes };
  }
}

async function fetchOnce(
  url: URL,
  method: string,
  headers: Array<[string, string]>,
  body: Uint8Array | undefined,
  allowlist: HostAllowlist,
  signal: AbortSignal,
) {
  const refusals: Refusals = {};
  const dispatcher = pinnedAgent(allowlist, hostAndPort(url).port, refusals);
  try {
    return await fetch(url, {
      method,
      headers,
      redirect: 'manual',
      signal,
      dispatcher,
      ...(body === undefined ? {} : { body }),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    if (refusals.refused !== undefined) throw new HttpClientRefusedError(refusals.refused);
    if (error instanceof CodedError) throw error;
    if (error instanceof TypeError && !(error.cause instanceof Error))
      throw new InvalidArgumentError('http client', error.message);
    throw new HttpClientFailedError(failureText(error));
  } finally {
    // The body is read before the agent goes: closing waits for the request to finish.
    void dispatcher.close().catch(() => undefined);
  }
}

function parseUrl(text: unknown, base?: URL): URL {
  try {
    return new URL(String(text), base);
  } catch {
    throw new InvalidArgumentError('http client', `${JSON.stringify(String(text))} is not a valid URL`);
  }
}

function checkedHeaders(headers: unknown): Array<[string, string]> {
  if (!Array.isArray(headers)) return [];
  return headers
    .filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2)
    .map(([name, value]): [string, string] => [String(name), String(value)])
    .filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
}

function responseHeaders(headers: Headers): Array<{ name: string; value: string }> {
  const list: Array<{ name: string; value: string }> = [];
  for (const [name, value] of headers) if (name !== 'set-cookie') list.push({ name, value });
  for (const value of headers.getSetCookie()) list.push({ name: 'set-cookie', value });
  return list;
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
