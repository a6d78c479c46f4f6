/**
 * Two request functions Dirigible scripts rely on, through a real worker:
 * `getQueryParametersMap()` (http/v4/request, its alias, v3 and the SDK's `Request`), and the SDK
 * `Request.json()` / `getJSON()`, which answer `undefined` for a body that is not JSON.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface QueryMaps {
  v4: Record<string, unknown>;
  alias: Record<string, unknown>;
  v3: Record<string, unknown>;
  sdk: Record<string, unknown>;
  fresh: boolean;
  ownNames: string[];
}

interface Outcome {
  type?: string;
  value?: unknown;
  threw?: string;
}

describe('request: getQueryParametersMap() and the SDK json()', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  describe('getQueryParametersMap()', () => {
    const maps = async (query: string) =>
      (await harness.client().get(`/services/js/request/query-map.js${query}`)).json<QueryMaps>();

    it('maps a name given once to its value and a repeated name to every value, in order', async () => {
      const seen = await maps('?a=1&b=x&a=2&a=3');
      expect(seen.v4).to.deep.equal({ a: ['1', '2', '3'], b: 'x' });
    });

    it('is the same function in http/request, http/v3/request and the SDK Request', async () => {
      const seen = await maps('?a=1&a=2&c=');
      expect(seen.v4).to.deep.equal({ a: ['1', '2'], c: '' });
      for (const key of ['alias', 'v3', 'sdk'] as const) expect(seen[key], key).to.deep.equal(seen.v4);
    });

    it('decodes + and %-escapes, keeps a malformed escape as written, and maps a name without = to ""', async () => {
      const seen = await maps('?q=a+b%26c&bad=%E0%A4%A&flag&e=%3D');
      expect(seen.v4).to.deep.equal({ q: 'a b&c', bad: '%E0%A4%A', flag: '', e: '=' });
    });

    it('is {} without a query string, and a fresh object on each call', async () => {
      const seen = await maps('');
      expect(seen.v4).to.deep.equal({});
      expect(seen.fresh).to.equal(true);
    });

    it('keeps __proto__ and constructor as ordinary names', async () => {
      const seen = await maps('?__proto__=x&constructor=y');
      expect(seen.ownNames).to.deep.equal(['__proto__', 'constructor']);
    });
  });

  describe('SDK Request.json() and getJSON()', () => {
    const post = async (body: string) =>
      (
        await harness.client().request('/services/js/request/sdk-json.mjs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).json<Record<string, Outcome>>();

    it('parse a JSON body', async () => {
      const seen = await post('{"a":[1,2]}');
      expect(seen['json']).to.deep.equal({ type: 'object', value: { a: [1, 2] } });
      expect(seen['getJSON']).to.deep.equal(seen['json']);
    });

    it('answer undefined for a body that is not JSON, where http/v4/request getJSON() throws a SyntaxError', async () => {
      const seen = await post('not json {');
      expect(seen['json']).to.deep.equal({ type: 'undefined', value: 'undefined' });
      expect(seen['getJSON']).to.deep.equal({ type: 'undefined', value: 'undefined' });
      expect(seen['v4']).to.deep.equal({ threw: 'SyntaxError' });
    });

    it('answer undefined for an empty body (Dirigible: JSON.parse("") fails), where http/v4/request answers null', async () => {
      const seen = await post('');
      expect(seen['json']).to.deep.equal({ type: 'undefined', value: 'undefined' });
      expect(seen['getJSON']).to.deep.equal({ type: 'undefined', value: 'undefined' });
      expect(seen['v4']).to.deep.equal({ type: 'object', value: null });
    });
  });
});
