/**
 * Dirigible 10's decorators (`@Controller`, `@Get`, `@Post` … of `sdk/http`) through a real
 * worker. Scripts apply them by hand, exactly as a transpiler calls them: TC39 decorators
 * `(value, context)` and TypeScript's experimentalDecorators `(target, key, descriptor)`.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

const TC39 = '/services/js/rs/decorated-tc39.mjs';
const LEGACY = '/services/js/rs/decorated-legacy.js';
const JSON_BODY = { 'content-type': 'application/json' };

describe('rs decorators (@Controller, @Get …)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  describe('TC39 decorators (value, context)', () => {
    it('serves a method at its path; its return value is the JSON response', async () => {
      const response = await harness.client().get(`${TC39}/?q=1`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('application/json');
      expect(response.json()).to.deep.equal({ names: ['apple'], query: { q: '1' } });
    });

    it('gives path parameters in ctx, `this` is the controller instance', async () => {
      expect((await harness.client().get(`${TC39}/7`)).json()).to.deep.equal({ id: '7' });
    });

    it('prefers the literal /count over /:id, and serves a static method', async () => {
      expect((await harness.client().get(`${TC39}/count`)).text).to.equal('0');
    });

    it('passes the JSON body as the first argument', async () => {
      const response = await harness
        .client()
        .request(TC39, { method: 'POST', body: '{"name":"kiwi"}', headers: JSON_BODY });
      expect(response.json()).to.deep.equal({ names: ['apple', 'kiwi'] });
    });

    it('sends nothing when the method returns undefined (it answered through the response)', async () => {
      const response = await harness.client().request(`${TC39}/7`, { method: 'DELETE' });
      expect(response.status).to.equal(204);
      expect(response.text).to.equal('');
    });

    it('answers 405 with Allow for a method no decorator declared', async () => {
      const response = await harness.client().request(`${TC39}/7`, { method: 'PATCH' });
      expect(response.status).to.equal(405);
      expect(response.headers.get('allow')).to.equal('GET, HEAD, DELETE, OPTIONS');
      expect(response.json()).to.deep.include({ code: 'ERR_RS_METHOD_NOT_ALLOWED' });
    });

    it('declares routes once per request: the same routes on every request of a warm context', async () => {
      for (let i = 0; i < 3; i++) {
        expect((await harness.client().get(`${TC39}/count`)).text).to.equal('0');
        expect((await harness.client().request(TC39, { method: 'PUT' })).headers.get('allow')).to.equal(
          'GET, HEAD, POST, OPTIONS',
        );
      }
    });

    it('refuses a handler that returns a promise with ERR_RS_DEFINITION', async () => {
      const response = await harness.client().get(`${TC39}/later`);
      expect(response.status).to.equal(500);
      expect(response.json()).to.deep.include({ error: 'TypeError', code: 'ERR_RS_DEFINITION' });
    });

    it('serves only the routes of the @Controller class, none of a class that never became one', async () => {
      const leftover = '/services/js/rs/decorated-leftover.mjs';
      expect((await harness.client().get(`${leftover}/open`)).text).to.equal('"second\'s route"');
      expect((await harness.client().get(`${leftover}/secret`)).status).to.equal(404);
    });
  });

  describe('experimentalDecorators (target, key, descriptor), from CommonJS', () => {
    it('serves the decorated methods', async () => {
      expect((await harness.client().get(LEGACY)).json()).to.deep.equal(['pear']);
    });

    it('passes the parsed JSON body, or undefined when the body is not JSON', async () => {
      const json = await harness
        .client()
        .request(`${LEGACY}/3`, { method: 'PUT', body: '{"a":1}', headers: JSON_BODY });
      expect(json.json()).to.deep.equal({ id: '3', body: { a: 1 } });
      const notJson = await harness.client().request(`${LEGACY}/3`, { method: 'PUT', body: '{', headers: JSON_BODY });
      expect(notJson.json()).to.deep.equal({ id: '3', body: 'no JSON body' });
    });

    it('checks the consumes list the decorator was given (415)', async () => {
      const response = await harness
        .client()
        .request(`${LEGACY}/3`, { method: 'PUT', body: 'a', headers: { 'content-type': 'text/plain' } });
      expect(response.status).to.equal(415);
      expect(response.json()).to.deep.include({ code: 'ERR_RS_UNSUPPORTED_MEDIA_TYPE' });
    });

    it('checks the produces list (406 for Accept: text/html, application/json by default)', async () => {
      const response = await harness.client().request(LEGACY, { headers: { accept: 'text/html' } });
      expect(response.status).to.equal(406);
      expect(response.json()).to.deep.include({ code: 'ERR_RS_NOT_ACCEPTABLE' });
    });
  });

  describe('a TypeScript controller that set a Content-Type of its own (rs/export-service.ts)', () => {
    const EXPORT = '/services/ts/rs/export-service.ts';

    it('labels a returned value application/json, as Dirigible 10 does', async () => {
      const response = await harness.client().get(`${EXPORT}/label`);
      expect(response.headers.get('content-type')).to.equal('application/json');
      expect(response.json()).to.equal('id,name');
    });

    it("labels the handler's own response.json(value) application/json", async () => {
      const response = await harness
        .client()
        .request(`${EXPORT}/echo`, { method: 'POST', body: '{"a":1}', headers: JSON_BODY });
      expect(response.headers.get('content-type')).to.equal('application/json');
      expect(response.json()).to.deep.equal({ echoed: { a: 1 } });
    });
  });
});
