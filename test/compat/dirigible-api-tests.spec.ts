/**
 * Dirigible 10's API tests, as our own scripts making the same calls in the same style
 * (test/fixtures/scripts/dirigible/http-tests, each naming the Dirigible file it follows): ES
 * modules written as `.js`, the SDK classes, `test/assert`'s `Assert`. Each passes with 200, as
 * on Dirigible, and fails with 500 naming the assertion when what it checks is not so.
 */
import http from 'node:http';
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface ErrorBody {
  status: number;
  error: string;
  code: string;
  message: string;
}

/** GET with headers sent exactly as spelled, in order (fetch would lower-case them). */
function rawGet(url: string, headers: Array<[string, string]>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const host: [string, string] = ['Host', new URL(url).host];
    const raw = [host, ...headers].flat();
    const request = http.request(url, { method: 'GET', headers: raw, setHost: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe("Dirigible 10's API tests (components/api/api-http, api-test)", () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const get = (path: string, init?: RequestInit) => harness.client().request(`/services/js/dirigible/${path}`, init);

  it('request-get-header.js: Request.getHeader("header1")', async () => {
    expect((await get('http-tests/request-get-header.js', { headers: { header1: 'header1' } })).status).to.equal(200);
    const failed = await get('http-tests/request-get-header.js');
    expect(failed.status).to.equal(500);
    expect(failed.json<ErrorBody>()).to.deep.include({
      error: 'AssertionError',
      code: 'ERR_ASSERTION_FAILED',
      // The SDK's Request.getHeader answers undefined for an absent header, as on Dirigible 10.
      message: "Assertion 'assertEquals' failed - expected: 'header1', but found: 'undefined'",
    });
  });

  it('request-get-header-names.js: names as the client spelled them, in order', async () => {
    const response = await rawGet(`${harness.url}/services/js/dirigible/http-tests/request-get-header-names.js`, [
      ['Authorization', 'Basic dGVzdDp0ZXN0'],
      ['header1', 'header1'],
      ['header2', 'header2'],
    ]);
    expect(response.status, response.body).to.equal(200);
    const names = JSON.parse(response.body) as string[];
    expect(names.filter((name) => name.toLowerCase() !== 'host' && name.toLowerCase() !== 'connection')).to.deep.equal([
      'Authorization',
      'header1',
      'header2',
    ]);
  });

  it('request-get-path-info.js: the path after the (empty) context path', async () => {
    expect((await get('http-tests/request-get-path-info.js')).status).to.equal(200);
  });

  it('request-get-path-translated.js: ends with the path info', async () => {
    expect((await get('http-tests/request-get-path-translated.js')).status).to.equal(200);
  });

  it('the request paths: context path and servlet path empty, path info and resource path', async () => {
    const paths = (await get('http-tests/request-paths.js/items/42?x=1')).json();
    expect(paths).to.deep.equal({
      contextPath: '',
      servicePath: '',
      pathInfo: '/services/js/dirigible/http-tests/request-paths.js/items/42',
      pathTranslated: '/services/js/dirigible/http-tests/request-paths.js/items/42',
      resourcePath: 'items/42',
      requestURI: '/services/js/dirigible/http-tests/request-paths.js/items/42',
    });
    const viaTs = (await harness.client().get('/services/ts/dirigible/http-tests/request-paths.js')).json();
    expect(viaTs).to.deep.include({ pathInfo: '/services/ts/dirigible/http-tests/request-paths.js', contextPath: '' });
    // Dirigible 4 to 7 served scripts at /services/v4/js/ (Dirigible 3 at /services/v3/js/): their pages call those URLs.
    for (const mount of ['/services/v4/js', '/services/v3/js']) {
      const viaOld = (await harness.client().get(`${mount}/dirigible/http-tests/request-paths.js/items/7`)).json();
      expect(viaOld).to.deep.include({
        pathInfo: `${mount}/dirigible/http-tests/request-paths.js/items/7`,
        resourcePath: 'items/7',
      });
    }
  });

  it('request-is-valid.js and request-get-method.js', async () => {
    expect((await get('http-tests/request-is-valid.js')).status).to.equal(200);
    expect((await get('http-tests/request-get-method.js')).status).to.equal(200);
    const posted = await get('http-tests/request-get-method.js', { method: 'POST' });
    expect(posted.status).to.equal(500);
    expect(posted.json<ErrorBody>().message).to.equal(
      "Assertion 'assertEquals' failed - expected: 'GET', but found: 'POST'",
    );
  });

  it('response-get-header-names.js', async () => {
    const response = await get('http-tests/response-get-header-names.js');
    expect(response.status).to.equal(200);
    expect(response.headers.get('header1')).to.equal('value1');
  });

  it('session-get-attribute-names.js, without the hidden invocation.count (docs/differences.md)', async () => {
    expect((await get('http-tests/session-get-attribute-names.js')).status).to.equal(200);
  });

  it("the SDK's Response.json(value)", async () => {
    const response = await get('http-tests/response-json.js');
    expect(response.headers.get('content-type')).to.equal('application/json');
    expect(response.json()).to.deep.equal({ items: [1, 2], name: 'cart' });
  });

  describe('test/assert (api-test/src/test/resources/.../test)', () => {
    it('successful.js: every assertion passing answers 200', async () => {
      expect((await get('test/successful.js')).status).to.equal(200);
    });

    it("failed.js: 500 with Dirigible's message for assertTrue", async () => {
      const failed = await get('test/failed.js');
      expect(failed.status).to.equal(500);
      expect(failed.json<ErrorBody>()).to.deep.include({
        status: 500,
        error: 'AssertionError',
        code: 'ERR_ASSERTION_FAILED',
        message: "Assertion 'assertTrue' failed",
      });
    });

    for (const assertion of ['assertTrue', 'assertFalse', 'assertNull', 'assertNotNull', 'assertEquals']) {
      it(`${assertion}: passes, fails naming itself, and carries the script's message`, async () => {
        const base = `test/assertion.js?assertion=${assertion}`;
        expect((await get(`${base}&pass=1`)).text).to.equal('passed');
        const failed = await get(`${base}&pass=0`);
        expect(failed.status).to.equal(500);
        expect(failed.json<ErrorBody>().message).to.match(new RegExp(`^Assertion '${assertion}' failed`));
        const withMessage = await get(`${base}&pass=0&message=${encodeURIComponent('cart is empty')}`);
        expect(withMessage.json<ErrorBody>()).to.deep.include({
          error: 'AssertionError',
          message: 'cart is empty',
        });
      });
    }
  });
});
