/**
 * The values Dirigible's own modules give scripts, edge case by edge case (the JavaScript module
 * and the Java facade behind it, Dirigible 8 to 10), through a real worker: what a Dirigible
 * script reads here must be what it read there.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('Dirigible fidelity of the request, response and session values', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    harness.client().request(`/services/js/fidelity/${path}`, { method: 'POST', headers, body });

  describe('json() of Dirigible 8 and 9 (http/request, http/response, and so v4 and v3)', () => {
    it('request.json() is getJSON(); response.json(value) answers application/json', async () => {
      const answer = await post('json-v4.js', '{"a":[1,2]}', { 'content-type': 'application/json' });
      expect(answer.status).to.equal(200);
      expect(answer.headers.get('content-type')).to.match(/^application\/json/);
      expect(answer.json()).to.deep.equal({ got: { a: [1, 2] }, sameAsGetJSON: true });
    });
  });

  describe("absent values (servlet nulls handed over; the SDK's undefined)", () => {
    it('getCookies() is null without cookies and getParameterValues(name) null for a name not sent', async () => {
      const seen = (
        await harness.client().request('/services/js/fidelity/absent-values.js?a=1&a=2', {
          headers: { 'x-empty': '', 'x-sent': 'yes' },
        })
      ).json();
      expect(seen).to.deep.include({
        cookies: null,
        parameterValues: null,
        sentValues: ['1', '2'],
        sdkCookies: null,
        sdkParameterValues: null,
      });
    });

    it('http/v4/request answers null for an absent header or attribute, "" for an empty header', async () => {
      const seen = (
        await harness.client().request('/services/js/fidelity/absent-values.js', { headers: { 'x-empty': '' } })
      ).json();
      expect(seen).to.deep.include({ header: null, emptyHeader: '', attribute: null });
    });

    it("sdk/http/request answers undefined for an absent or empty header and an absent attribute (Dirigible 10's SDK)", async () => {
      const seen = (
        await harness.client().request('/services/js/fidelity/absent-values.js', {
          headers: { 'x-empty': '', 'x-sent': 'yes' },
        })
      ).json();
      expect(seen).to.deep.include({
        sdkHeader: '<undefined>',
        sdkEmptyHeader: '<undefined>',
        sdkSentHeader: 'yes',
        sdkAttribute: '<undefined>',
      });
    });

    it('a cookie sent makes getCookies() the array of { name, value }', async () => {
      const seen = (
        await harness.client().request('/services/js/fidelity/absent-values.js', { headers: { cookie: 'a=1; b=2' } })
      ).json<{ cookies: unknown }>();
      expect(seen.cookies).to.deep.equal([
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ]);
    });
  });

  describe('locales as Java writes them (Dirigible hands a java.util.Locale over)', () => {
    it('request.getLocale() is de_CH for de-CH, response.getLocale() de_AT after setLocale("de", "AT")', async () => {
      const answer = await harness
        .client()
        .request('/services/js/fidelity/locale.js', { headers: { 'accept-language': 'fr;q=0.5, de-ch' } });
      expect(answer.headers.get('content-language')).to.equal('de-AT');
      expect(answer.json()).to.deep.equal({
        request: 'de_CH',
        responseBefore: 'en',
        response: 'de_AT',
        sdkResponse: 'de_AT',
      });
    });
  });

  describe('sdk/http/response', () => {
    it('write() of undefined, null or "" writes nothing, as Dirigible 10\'s SDK (it threw a TypeError)', async () => {
      const answer = await harness.client().get('/services/js/fidelity/sdk-write-nothing.js');
      expect(answer.status).to.equal(200);
      expect(answer.text).to.equal('ok');
    });
  });
});
