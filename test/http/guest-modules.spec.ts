/**
 * The v4 guest modules through a real sandbox worker: value conversion at the boundary, the
 * request and response modules, and require() resolution.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('guest modules (v4) through a real worker', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ workers: 1 });
  });
  after(() => harness.close());

  describe('http/v4/session values', () => {
    let report: Record<string, unknown>;
    before(async () => {
      report = (await harness.client().get('/services/js/session-values.js')).json();
    });

    it('stores strings, finite numbers, booleans, arrays, plain objects, and Dates as their time', () => {
      for (const key of ['string', 'number', 'boolean', 'nested', 'date']) expect(report[key], key).to.equal('stored');
      expect(report['values']).to.deep.include({
        number: 42.5,
        boolean: false,
        nested: { list: [1, 'two', { three: 3 }], empty: {} },
        date: 86400000,
      });
    });

    it('throws a TypeError naming the attribute for values that are not data, storing nothing', () => {
      for (const key of ['fn', 'symbol', 'bigint', 'nan', 'cycle', 'instance', 'nestedUndefined']) {
        expect(report[key], key).to.match(
          new RegExp(`^TypeError\\|ERR_INVALID_ATTRIBUTE\\|setAttribute: value of attribute "${key}" is not data`),
        );
        expect(report['names']).not.to.include(key);
      }
    });

    it('throws a TypeError for names that are not non-empty strings', () => {
      expect(report['emptyName']).to.match(/^TypeError\|ERR_INVALID_ATTRIBUTE\|setAttribute: attribute name/);
      expect(report['numberName']).to.match(/^TypeError\|ERR_INVALID_ATTRIBUTE\|setAttribute: attribute name/);
    });

    it('returns copies, real arrays and real Dates; null for absent; null value removes', () => {
      expect(report['copyIsolated']).to.equal(true);
      expect(report['namesIsArray']).to.equal(true);
      expect(report['creationIsDate']).to.equal(true);
      expect(report['lastAccessedIsDate']).to.equal(true);
      expect(report['missing']).to.equal(null);
      expect(report['afterNull']).to.deep.equal(['number', 'boolean', 'nested', 'date']);
      expect(report['isValid']).to.equal(true);
    });
  });

  describe('http/v4/session getAttribute after setAttribute in one run', () => {
    it('answers as the host would: a fresh copy of the value set, the last one, none after a null value, a removal or invalidate', async () => {
      const client = harness.client();
      const seen = (await client.get('/services/js/session-set-get.js')).json();
      expect(seen).to.deep.equal({
        before: null,
        copy: { n: 1 },
        overwritten: 'two',
        failed: 'ERR_INVALID_ATTRIBUTE',
        afterFailed: 'two',
        afterNull: null,
        afterRemove: null,
        afterInvalidate: null,
      });
    });

    it('the next run reads the session, not what an earlier run set: a new session has only what was set after invalidate', async () => {
      const client = harness.client();
      await client.get('/services/js/session-set-get.js');
      const info = (await client.get('/services/js/session-info.js')).json() as { attributes: unknown };
      expect(info.attributes).to.deep.equal({ d: [1, 2] });
    });
  });

  describe('http/v4/request', () => {
    it('reports method, headers, parameters, body, cookies, paths and connection facts', async () => {
      const client = harness.client();
      const response = await client.request('/services/js/request-echo.js/items/42?a=1&a=2&b=x', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test': 'yes', 'x-multi': 'one', cookie: 'k=v; other=2' },
        body: JSON.stringify({ hello: 'world' }),
      });
      const info = response.json<Record<string, unknown>>();
      const port = Number(new URL(harness.url).port);
      expect(info).to.deep.include({
        isValid: true,
        method: 'POST',
        header: 'yes',
        headers: ['one'],
        headerNamesIsArray: true,
        parameter: '1',
        parameterValues: ['1', '2'],
        parameterNames: ['a', 'b'],
        parameters: { a: ['1', '2'], b: ['x'] },
        queryString: 'a=1&a=2&b=x',
        text: '{"hello":"world"}',
        json: { hello: 'world' },
        cookies: [
          { name: 'k', value: 'v' },
          { name: 'other', value: '2' },
        ],
        pathInfo: '/services/js/request-echo.js/items/42',
        resourcePath: 'items/42',
        requestURI: '/services/js/request-echo.js/items/42',
        requestURL: `http://127.0.0.1:${port}/services/js/request-echo.js/items/42`,
        contentType: 'application/json',
        contentLength: 17,
        secure: false,
        remoteAddress: '127.0.0.1',
        protocol: 'HTTP/1.1',
        scheme: 'http',
        serverName: '127.0.0.1',
        serverPort: port,
        attribute: 'yes',
        attributeNames: ['seen'],
      });
    });

    it('reads form-encoded bodies as parameters', async () => {
      const response = await harness.client().request('/services/js/request-echo.js', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=from-form',
      });
      expect(response.json()).to.deep.include({ parameter: 'from-form', resourcePath: '' });
    });

    it('setAttribute stores any value as its text, String(value), as the page says ("as a string")', async () => {
      const seen = (await harness.client().get('/services/js/request/attribute-text.js')).json();
      expect(seen).to.deep.equal({
        text: 'yes',
        number: '5',
        boolean: 'false',
        nothing: 'null',
        object: '[object Object]',
        array: '1,2',
        own: 'mine',
      });
    });
  });

  describe('http/v4/response', () => {
    const get = (name: string) => harness.client().get(`/services/js/response-features.js?case=${name}`);

    it('print and println print falsy values as ""', async () => {
      expect((await get('print')).text).to.equal('ab\n\nc\n');
    });

    it('write sends bytes', async () => {
      const response = await fetch(`${harness.url}/services/js/response-features.js?case=bytes`);
      expect([...new Uint8Array(await response.arrayBuffer())]).to.deep.equal([0, 1, 254, 255]);
    });

    it('sets status, headers and cookies; after flush the status is fixed; after close output is ignored', async () => {
      const response = await get('status');
      expect(response.status).to.equal(201);
      expect(response.headers.get('x-one')).to.equal('1');
      expect(response.headers.get('x-two')).to.equal('a, b');
      expect(response.setCookies).to.deep.equal(['pref=dark; Path=/; HttpOnly']);
      expect(response.text).to.equal('false|true');
    });

    it('a flush is in force for the next call: sendRedirect after it throws ERR_RESPONSE_COMMITTED', async () => {
      const response = await get('redirect-after-flush');
      expect(response.status).to.equal(200);
      expect(response.text).to.equal('a|ERR_RESPONSE_COMMITTED');
    });

    it('reset() once committed throws ERR_RESPONSE_COMMITTED (a servlet container throws IllegalStateException) and changes nothing', async () => {
      const response = await get('reset-after-flush');
      expect([response.status, response.text]).to.deep.equal([202, 'a|ERR_RESPONSE_COMMITTED']);
      expect(response.headers.get('x-kept')).to.equal('1');
    });

    it('a close as the last call of a run does not reach into the next run of the script', async () => {
      const closed = await get('close-last');
      expect([closed.status, closed.text]).to.deep.equal([202, 'closed']);
      const next = await get('status');
      expect([next.status, next.text]).to.deep.equal([201, 'false|true']);
    });

    it('sendRedirect answers 302 with Location', async () => {
      const response = await get('redirect');
      expect(response.status).to.equal(302);
      expect(response.headers.get('location')).to.equal('/elsewhere');
    });

    it('sendRedirect to a location that cannot be sent throws and changes nothing', async () => {
      const response = await get('redirect-refused');
      expect([response.status, response.text]).to.deep.equal([202, 'kept|ERR_INVALID_ARG']);
      expect(response.headers.get('location')).to.equal(null);
    });

    it('sendError answers the status with a JSON body', async () => {
      const response = await get('error');
      expect(response.status).to.equal(403);
      expect(response.json()).to.deep.equal({ status: 403, error: 'Forbidden', message: 'no entry' });
    });

    it('exposes the status-code constants', async () => {
      expect((await get('constants')).text).to.equal('200,404,500,302');
    });

    it('rejects header injection with a TypeError', async () => {
      const response = await get('bad-header');
      expect(response.status).to.equal(500);
      expect(response.json()).to.include({ error: 'TypeError' });
    });
  });

  describe('require()', () => {
    const probe = async (module: string) =>
      (await harness.client().get(`/services/js/require-probe.js?module=${encodeURIComponent(module)}`)).text;

    it('loads relative modules under the root, which load their own', async () => {
      expect((await harness.client().get('/services/js/uses-lib.js')).text).to.equal('hello from lib and helper');
      expect(await probe('./lib/helper')).to.equal('loaded:{"suffix":"and helper"}');
      expect(await probe('lib/helper.js')).to.equal('loaded:{"suffix":"and helper"}');
    });

    it("loads a path from the root written with one leading slash, as Dirigible's projects do", async () => {
      expect(await probe('/lib/helper')).to.equal('loaded:{"suffix":"and helper"}');
      expect(await probe('/lib/../lib/helper.js')).to.equal('loaded:{"suffix":"and helper"}');
    });

    it('refuses Node built-ins, absolute paths, URLs and paths outside the root with a clear error', async () => {
      for (const module of ['fs', 'node:fs', 'child_process', 'process']) {
        expect(await probe(module)).to.match(
          new RegExp(`^Error\\|ERR_MODULE_NOT_FOUND\\|require: module "${module}" is not available to scripts`),
        );
      }
      // A leading slash is a path from the root: never the host's file system.
      expect(await probe('/etc/passwd')).to.match(
        /^Error\|ERR_MODULE_NOT_FOUND\|require: cannot find module "\/etc\/passwd" from require-probe\.js/,
      );
      expect(await probe('//etc/passwd')).to.match(/is not allowed/);
      expect(await probe('/../outside/secret.js')).to.match(/outside the script root/);
      expect(await probe('file:///etc/passwd')).to.match(/is not allowed/);
      expect(await probe('../outside/secret.js')).to.match(/outside the script root/);
      expect(await probe('./missing')).to.match(/cannot find module "\.\/missing"/);
    });

    it('a module name that is not a string is a TypeError coded ERR_INVALID_ARG', async () => {
      const answer = (await harness.client().get('/services/js/require-probe.js')).text;
      expect(answer).to.equal('TypeError|ERR_INVALID_ARG|require: the module name must be a string');
    });

    it('a syntax error in the script is a 500 SyntaxError, and no host path leaks', async () => {
      const response = await harness.client().get('/services/js/syntax-error.js');
      expect(response.status).to.equal(500);
      expect(response.json()).to.include({ error: 'SyntaxError' });
      expect(response.text).not.to.include(process.cwd());
    });

    it('a module that does not parse is a SyntaxError with no code, caught or not (never ERR_INTERNAL)', async () => {
      expect(await probe('./syntax-error.js')).to.match(
        /^SyntaxError\|\|Unexpected token ';' \[syntax-error\.js:1:\d+\]$/,
      );
      const response = await harness.client().get('/services/js/require-syntax-error.js');
      expect(response.status).to.equal(500);
      expect(response.json()).to.include({ error: 'SyntaxError', code: '' });
    });
  });
});
