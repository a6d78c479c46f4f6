/**
 * Issue 14, failures 1 and 3: a script's result cannot make the main process do unbounded work
 * (a 20 MiB error message, two million headers, megabytes of header values, a million session
 * operations), and the response's
 * framing stays the runtime's (no `Transfer-Encoding` beside `Content-Length`, no final 1xx).
 */
import http from 'node:http';
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

/** A raw GET, so the exact status line and headers Node sent are seen (fetch hides 1xx and framing). */
function rawGet(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

describe('hardening: bounded results and valid framing', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ workers: 1, timeout: 10_000, maxSessionOps: 5000, maxHeaders: 500 });
  });
  after(() => harness.close());

  it('an uncaught error with a 20 MiB message: 500 with the message cut to maxErrorSize', async function () {
    this.timeout(60_000);
    const response = await harness.client().get('/services/js/hardening/huge-error.js');
    expect(response.status).to.equal(500);
    expect(response.text.length).to.be.below(10_000);
    const body = response.json<{ message: string }>();
    expect(body.message).to.match(/^x{8192}… \(cut at 8192 characters\)$/);
  });

  it('an uncaught error with a 4 MiB name and code: 500 with both cut to maxErrorSize, the response small (docs/security.md)', async function () {
    this.timeout(60_000);
    const response = await harness.client().get('/services/js/hardening/huge-error-name.js');
    expect(response.status).to.equal(500);
    expect(response.text.length).to.be.below(20_000);
    const body = response.json<{ error: string; code: string; message: string }>();
    expect(body.error).to.match(/^N{8192}… \(cut at 8192 characters\)$/);
    expect(body.code).to.match(/^C{8192}… \(cut at 8192 characters\)$/);
    expect(body.message).to.equal('short');
  });

  it('two million addHeader calls: the 501st throws ERR_TOO_MANY_HEADERS (the script may catch it)', async function () {
    this.timeout(60_000);
    const uncaught = await harness.client().get('/services/js/hardening/many-headers.js');
    expect(uncaught.status).to.equal(500);
    expect(uncaught.json()).to.include({ code: 'ERR_TOO_MANY_HEADERS', error: 'RangeError' });
    expect(uncaught.headers.get('x-empty')).to.equal(null);
    const caught = await harness.client().get('/services/js/hardening/many-headers.js?catch=1');
    expect(caught.status).to.equal(200);
    expect(caught.text).to.equal('ERR_TOO_MANY_HEADERS after 500');
  });

  it('headers of 10 KiB each: the 7th throws ERR_HEADERS_TOO_LARGE (maxHeaderBytes, 64 KiB; the script may catch it)', async function () {
    this.timeout(60_000);
    const uncaught = await harness.client().get('/services/js/hardening/many-headers.js?size=10240');
    expect(uncaught.status).to.equal(500);
    expect(uncaught.json()).to.include({ code: 'ERR_HEADERS_TOO_LARGE', error: 'RangeError' });
    expect(uncaught.headers.get('x-empty')).to.equal(null);
    const caught = await harness.client().get('/services/js/hardening/many-headers.js?size=10240&catch=1');
    expect(caught.status).to.equal(200);
    expect(caught.text).to.equal('ERR_HEADERS_TOO_LARGE after 6');
  });

  it('1.2 million session operations: ERR_SESSION_OPS_LIMIT, and the session keeps what came before', async function () {
    this.timeout(60_000);
    const client = harness.client();
    const response = await client.get('/services/js/hardening/many-ops.js');
    expect(response.status).to.equal(500);
    expect(response.json()).to.include({ code: 'ERR_SESSION_OPS_LIMIT' });
    // The message names the script's call, not the op it records.
    expect((response.json() as { message: string }).message).to.match(/^session\.setMaxInactiveInterval: /);
    const within = await client.get('/services/js/hardening/many-ops.js?n=100');
    expect(within.status).to.equal(200);
  });

  for (const code of [100, 101, 103, 199, 600, 999]) {
    it(`status ${code} is refused with ERR_INVALID_STATUS (setStatus and sendError)`, async () => {
      for (const path of [`status.js?code=${code}`, `status.js?code=${code}&error=1`]) {
        const response = await rawGet(`${harness.url}/services/js/hardening/${path}`);
        expect(response.status).to.equal(500);
        expect(JSON.parse(response.body)).to.include({ code: 'ERR_INVALID_STATUS', error: 'TypeError' });
      }
    });
  }

  it('statuses 200 and 599 stay allowed', async () => {
    expect((await rawGet(`${harness.url}/services/js/hardening/status.js?code=200`)).status).to.equal(200);
    expect((await rawGet(`${harness.url}/services/js/hardening/status.js?code=599`)).status).to.equal(599);
  });

  it('framing and connection headers a script sets are ignored: one Content-Length, no Transfer-Encoding', async () => {
    const response = await rawGet(`${harness.url}/services/js/hardening/framing.js`);
    expect(response.status).to.equal(200);
    expect(response.body).to.equal('hello world');
    expect(response.headers['content-length']).to.equal('11');
    expect(response.headers['transfer-encoding']).to.equal(undefined);
    expect(response.headers.upgrade).to.equal(undefined);
    expect(response.headers.trailer).to.equal(undefined);
    expect(response.headers.te).to.equal(undefined);
    expect(response.headers['keep-alive']).to.not.equal('timeout=999');
    expect(response.headers.connection).to.not.equal('close');
    expect(response.headers['x-kept']).to.equal('yes');
  });
});
