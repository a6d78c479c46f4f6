/**
 * Request functions Dirigible scripts rely on, through a real worker: `getQueryParametersMap()`
 * (http/v4/request, its alias, v3 and the SDK's `Request`).
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

describe('request: getQueryParametersMap()', () => {
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
});
