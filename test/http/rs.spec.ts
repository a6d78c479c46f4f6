/**
 * The REST framework (`http/rs`, `http/v3/rs`, `http/v4/rs`, `sdk/http`'s `rs`) through a real
 * worker: path templates and their parameters, query parameters, every method, consumes /
 * produces negotiation, the before / serve / catch / finally phases, and the coded answers when
 * no handler fits (404, 405 with Allow, 415, 406).
 */
import { expect } from 'chai';
import type { ClientResponse } from '../support/cookie-jar-client.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

const ITEMS = '/services/js/rs/items.js';

interface CodedBody {
  status: number;
  error: string;
  code: string;
  message: string;
}

describe('rs: the REST framework', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const call = (path: string, init: RequestInit = {}): Promise<ClientResponse> => harness.client().request(path, init);

  describe('routing', () => {
    it('serves the resource whose template matches request.getResourcePath()', async () => {
      const response = await call(`${ITEMS}/items`);
      expect(response.status).to.equal(200);
      expect(response.json()).to.deep.include({ items: ['1'] });
    });

    it('gives {name} parameters in ctx.pathParameters', async () => {
      expect((await call(`${ITEMS}/items/1`)).json()).to.deep.equal({ id: '1', item: { id: '1', name: 'first' } });
    });

    it('decodes parameters once (the path segment %20 is a space)', async () => {
      expect((await call(`${ITEMS}/items/a%20b`)).json()).to.deep.equal({ id: 'a b', item: null });
    });

    it('prefers a literal segment over a parameter', async () => {
      expect((await call(`${ITEMS}/items/new`)).text).to.equal('the literal wins');
    });

    it('gives {path*} every remaining segment joined with /', async () => {
      expect((await call(`${ITEMS}/files/a/b/c.txt`)).json()).to.deep.equal({ path: 'a/b/c.txt' });
      expect((await call(`${ITEMS}/files`)).json()).to.deep.equal({ path: '' });
    });

    it('takes a trailing slash as the same path', async () => {
      expect((await call(`${ITEMS}/items/1/`)).json()).to.deep.include({ id: '1' });
    });

    it('gives the query string in ctx.queryParameters, repeated names as arrays', async () => {
      const body = (await call(`${ITEMS}/items?a=1&a=2&b=x+y&c=%C3%A9&flag`)).json<{ query: unknown }>();
      expect(body.query).to.deep.equal({ a: ['1', '2'], b: 'x y', c: 'é', flag: '' });
    });
  });

  describe('methods', () => {
    it('serves each method with its own handler (GET, POST, DELETE, PATCH, custom)', async () => {
      const created = await call(`${ITEMS}/items`, {
        method: 'POST',
        body: '{"name":"second"}',
        headers: { 'content-type': 'application/json' },
      });
      expect(created.status).to.equal(201);
      expect(created.json()).to.deep.equal({ name: 'second' });
      expect((await call(`${ITEMS}/items/1`, { method: 'DELETE' })).status).to.equal(204);
      const shortcuts = '/services/js/rs/configured.js/ping?style=shortcuts';
      expect((await call(shortcuts)).text).to.equal('pong');
      expect((await call(shortcuts, { method: 'PATCH' })).text).to.equal('patched');
      expect((await call(shortcuts, { method: 'PROPFIND' })).text).to.equal('found');
    });

    it('answers HEAD with the GET handler when the resource has no HEAD handler', async () => {
      const response = await call(`${ITEMS}/items/1`, { method: 'HEAD' });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('application/json');
      expect(response.text).to.equal('');
    });

    it('answers OPTIONS without a handler with 204 and Allow', async () => {
      const response = await call(`${ITEMS}/items`, { method: 'OPTIONS' });
      expect(response.status).to.equal(204);
      expect(response.headers.get('allow')).to.equal('GET, HEAD, POST, OPTIONS');
    });
  });

  describe('content negotiation', () => {
    it('picks the handler whose produces matches Accept, and sets it as Content-Type', async () => {
      const json = await call(`${ITEMS}/items/7`, { headers: { accept: 'application/json' } });
      expect(json.headers.get('content-type')).to.equal('application/json');
      expect(json.json()).to.deep.equal({ id: '7', item: null });
      const text = await call(`${ITEMS}/items/7`, { headers: { accept: 'text/plain' } });
      expect(text.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
      expect(text.text).to.equal('item 7');
    });

    it('follows Accept qualities and wildcards', async () => {
      const accept = 'application/json;q=0.5, text/*;q=0.9';
      expect((await call(`${ITEMS}/items/7`, { headers: { accept } })).text).to.equal('item 7');
      expect((await call(`${ITEMS}/items/7`, { headers: { accept: '*/*' } })).json()).to.deep.include({ id: '7' });
      expect((await call(`${ITEMS}/items/7`, { headers: { accept: 'application/*' } })).json()).to.deep.include({
        id: '7',
      });
    });

    it("response.json(value) labels the answer application/json, whatever type the handler set (Dirigible's SDK)", async () => {
      const response = await call('/services/js/rs/json-after-type.js');
      expect(response.headers.get('content-type')).to.equal('application/json');
      expect(response.json()).to.deep.equal({ ok: true });
    });

    it('matches Content-Type against consumes, parameters ignored', async () => {
      const response = await call(`${ITEMS}/items`, {
        method: 'POST',
        body: '{"name":"x"}',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(response.status).to.equal(201);
    });
  });

  describe('phases', () => {
    it('runs before, serve and finally in order', async () => {
      expect((await call(`${ITEMS}/phases`)).text).to.equal('before;serve;finally;');
    });

    it('hands an error of serve to catch, then runs finally', async () => {
      const response = await call(`${ITEMS}/phases?fail=1`);
      expect(response.status).to.equal(200);
      expect(response.text).to.equal('before;serve;catch boom;finally;');
    });

    it('logs an error of finally, which changes nothing of the answer (as on Dirigible)', async () => {
      const served = await call(`${ITEMS}/phases?finallyFails=1`);
      expect(served.status).to.equal(200);
      expect(served.text).to.equal('before;serve;finally;');
      const uncaught = await call('/services/js/rs/configured.js?style=uncaught&finallyFails=1');
      expect(uncaught.status).to.equal(500);
      expect(uncaught.json()).to.deep.include({ message: 'handler failed' });
    });

    it('skips serve when before committed the response', async () => {
      const response = await call(`${ITEMS}/phases?stop=1`);
      expect(response.status).to.equal(403);
      expect(response.json()).to.deep.include({ message: 'stopped' });
    });

    it("controller.sendError answers with Dirigible's { code, error, details } and stops the request", async () => {
      const refused = await call('/services/js/rs/configured.js?style=send-error');
      expect(refused.status).to.equal(403);
      expect(refused.json()).to.deep.equal({ code: 'E_KEY', error: 'Forbidden', details: 'X-Key is missing' });
      expect(refused.text).to.equal(
        '{\n  "code": "E_KEY",\n  "error": "Forbidden",\n  "details": "X-Key is missing"\n}',
      );
      const browser = await call('/services/js/rs/configured.js?style=send-error', {
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(browser.status).to.equal(403);
      expect(browser.headers.get('content-type')).to.match(/^text\/html/);
      expect(browser.text).to.contain('Forbidden[E_KEY]: X-Key is missing');
      const served = await call('/services/js/rs/configured.js?style=send-error', { headers: { 'x-key': '1' } });
      expect(served.text).to.equal('served');
    });

    it('ends the request with the script error (500) when no catch handles it', async () => {
      const response = await call('/services/js/rs/configured.js?style=uncaught');
      expect(response.status).to.equal(500);
      expect(response.json()).to.deep.include({ error: 'Error', message: 'handler failed' });
    });
  });

  describe('answers when no handler fits', () => {
    const coded = (response: ClientResponse): CodedBody => {
      expect(response.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      return response.json<CodedBody>();
    };

    it('404 ERR_RS_NOT_FOUND when no template matches the path', async () => {
      const response = await call(`${ITEMS}/nothing/here`);
      expect(response.status).to.equal(404);
      expect(coded(response)).to.deep.equal({
        status: 404,
        error: 'ResourceNotFoundError',
        code: 'ERR_RS_NOT_FOUND',
        message: 'no resource matches the path "nothing/here"',
      });
    });

    it('405 ERR_RS_METHOD_NOT_ALLOWED with Allow when the path matches but the method does not', async () => {
      const response = await call(`${ITEMS}/items/1`, { method: 'PUT' });
      expect(response.status).to.equal(405);
      expect(response.headers.get('allow')).to.equal('GET, HEAD, DELETE, OPTIONS');
      expect(coded(response)).to.deep.include({ status: 405, code: 'ERR_RS_METHOD_NOT_ALLOWED' });
      expect(coded(response).message).to.equal(
        'method PUT is not allowed on "items/1"; allowed: GET, HEAD, DELETE, OPTIONS',
      );
    });

    it('405 lists the methods of every template that matches the path', async () => {
      const response = await call(`${ITEMS}/items/new`, { method: 'POST' });
      expect(response.status).to.equal(405);
      expect(response.headers.get('allow')).to.equal('GET, HEAD, DELETE, OPTIONS');
    });

    it('415 ERR_RS_UNSUPPORTED_MEDIA_TYPE when no handler consumes the body', async () => {
      const response = await call(`${ITEMS}/items`, {
        method: 'POST',
        body: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).to.equal(415);
      expect(coded(response)).to.deep.equal({
        status: 415,
        error: 'UnsupportedMediaTypeError',
        code: 'ERR_RS_UNSUPPORTED_MEDIA_TYPE',
        message:
          'POST "items" does not take a body of type "application/x-www-form-urlencoded"; it takes: application/json',
      });
    });

    it('415 for a body without Content-Type on a handler that consumes a type', async () => {
      const response = await call(`${ITEMS}/items`, { method: 'POST', body: new Uint8Array([1, 2]) });
      expect(response.status).to.equal(415);
      expect(coded(response).message).to.equal(
        'POST "items" does not take a body without Content-Type; it takes: application/json',
      );
    });

    it('406 ERR_RS_NOT_ACCEPTABLE when nothing produced is acceptable', async () => {
      const response = await call(`${ITEMS}/items`, { headers: { accept: 'text/html, application/xml;q=0.9' } });
      expect(response.status).to.equal(406);
      expect(coded(response)).to.deep.equal({
        status: 406,
        error: 'NotAcceptableError',
        code: 'ERR_RS_NOT_ACCEPTABLE',
        message:
          'GET "items" cannot answer in a type of Accept: text/html, application/xml;q=0.9; it produces: application/json',
      });
    });

    it('406 when Accept refuses the only type with q=0', async () => {
      const response = await call(`${ITEMS}/items`, { headers: { accept: 'application/json;q=0, text/plain' } });
      expect(response.status).to.equal(406);
    });
  });

  describe('definitions', () => {
    it('a configuration object defines the same service', async () => {
      const response = await call('/services/js/rs/configured.js/hello/Ann?style=configuration');
      expect(response.text).to.equal('hello Ann');
      expect(response.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
    });

    it('a handler given as an array of one specification returns its ResourceMethod, to chain on', async () => {
      expect((await call('/services/js/rs/configured.js?style=array-of-one')).text).to.equal('Hello there!\n');
    });

    it('an array of several specifications returns an array of ResourceMethods, each one a handler', async () => {
      const path = '/services/js/rs/configured.js?style=array-of-two';
      const json = await call(path, { headers: { accept: 'application/json' } });
      expect(json.headers.get('x-handlers')).to.equal('2');
      expect(json.text).to.equal('{}');
      expect((await call(path, { headers: { accept: 'text/plain' } })).text).to.equal('text');
    });

    it('mappings().readonly() keeps only the reading methods', async () => {
      const path = '/services/js/rs/configured.js/thing?style=readonly';
      expect((await call(path)).text).to.equal('read');
      expect((await call(path, { method: 'PUT' })).status).to.equal(405);
    });

    it('a ResourceMappings is a service definition, and find() returns its ResourceMethod', async () => {
      expect((await call('/services/js/rs/configured.js/a?style=mappings')).text).to.equal('a found');
    });

    for (const [style, message] of [
      ['bad-handler', 'get: expected a serve function or a handler specification, got number'],
      ['bad-media-type', 'produces: "json" is not a media type of the form type/subtype'],
      [
        'pattern-with-slash',
        'resource path: the pattern of parameter "id" has no closing ")" in its segment (a pattern matches within one segment: it cannot hold "/")',
      ],
    ]) {
      it(`a definition mistake throws ERR_RS_DEFINITION (${style})`, async () => {
        const response = await call(`/services/js/rs/configured.js?style=${style}`);
        expect(response.status).to.equal(500);
        expect(response.json()).to.deep.include({ error: 'TypeError', code: 'ERR_RS_DEFINITION', message });
      });
    }
  });

  describe('module names', () => {
    it('http/rs and http/v3/rs are http/v4/rs', async () => {
      expect((await call('/services/js/rs/generations.js')).json()).to.deep.equal({
        v3: true,
        alias: true,
        exports: ['HttpController', 'Resource', 'ResourceMappings', 'ResourceMethod', 'service'],
      });
    });

    it('sdk/http exports rs (and sdk/http/rs), the same framework, and the decorators', async () => {
      expect((await call('/services/js/rs/sdk-surface.mjs')).json()).to.deep.equal({
        rs: ['HttpController', 'Resource', 'ResourceMappings', 'ResourceMethod', 'service'],
        same: true,
        decorators: ['Controller', 'Delete', 'Documentation', 'Get', 'Head', 'Options', 'Patch', 'Post', 'Put'],
        sameDecorators: true,
      });
    });

    it("sdk/http/rs handlers and sdk/http's @Controller methods get the SDK's Request and Response, as on Dirigible 10", async () => {
      const post = (resource: string) =>
        call(`/services/js/rs/sdk-objects.mjs/${resource}`, {
          method: 'POST',
          body: 'not JSON',
          headers: { 'content-type': 'text/plain' },
        });
      const sdk = { sdkObjects: true, absentHeader: 'undefined', getJSON: 'undefined' };
      expect((await post('sdk')).json()).to.deep.equal(sdk);
      expect((await post('decorated')).json()).to.deep.equal({ ...sdk, ctxRequest: true });
      expect((await post('v4')).json()).to.deep.equal({
        sdkObjects: false,
        absentHeader: 'null',
        getJSON: 'throws SyntaxError',
      });
      // The SDK's getHeader() of an absent Transfer-Encoding is undefined: still a request without a body.
      expect((await call('/services/js/rs/sdk-objects.mjs/bodiless')).text).to.equal('served');
    });

    it("the docs' ES module Basic Usage with a path parameter", async () => {
      expect((await call('/services/js/rs/sdk-items.mjs')).text).to.equal('Hello there!\n');
      expect((await call('/services/js/rs/sdk-items.mjs/greet/Ann')).text).to.equal('Hello Ann!\n');
    });
  });
});
