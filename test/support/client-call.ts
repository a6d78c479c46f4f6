/**
 * The HTTP client's calls in specs: `callClientScript` runs test/fixtures/scripts/client/call.js
 * through a runtime (the script calls `client[fn](url, options)` with http/v4/client and reports the
 * response or the error it got); `clientCall` builds the call a worker hands the main process.
 */
import { expect } from 'chai';
import type { HttpClientCall } from '../../common/host-call.js';
import type { Harness } from './runtime-harness.js';

/** What call.js reports: the client's response, or the error's name, code and message. */
export interface ClientCallReport {
  ok: boolean;
  response?: {
    statusCode: number;
    statusMessage: string;
    protocol: string;
    binary: boolean;
    text?: string;
    data?: number[];
    headers: Array<{ name: string; value: string }>;
  };
  name?: string;
  code?: string;
  message?: string;
}

/** What call.js does: `client[fn ?? 'get'](url, options)`. */
export interface ClientCallSpec {
  fn?: string;
  url: string;
  options?: unknown;
}

/** Runs call.js with `spec` in `harness`'s runtime; the script itself must answer 200. */
export async function callClientScript(harness: Harness, spec: ClientCallSpec): Promise<ClientCallReport> {
  const response = await harness.client().request('/services/js/client/call.js', {
    method: 'POST',
    body: JSON.stringify(spec),
  });
  expect(response.status).to.equal(200);
  return response.json<ClientCallReport>();
}

/** A GET call of the client as a worker hands it to the main process; `overrides` change any field. */
export function clientCall(url: string, overrides: Partial<HttpClientCall> = {}): HttpClientCall {
  return {
    type: 'http-client',
    id: 1,
    method: 'GET',
    url,
    headers: [],
    hasBody: false,
    binary: false,
    followRedirects: false,
    maxRedirects: 0,
    timeoutMs: 10_000,
    ...overrides,
  };
}
