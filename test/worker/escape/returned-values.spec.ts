/**
 * Escape resistance: values the API returns are copies, and replacing the API's exports or the
 * intrinsics it might use (JSON, Array.prototype.push, Object.defineProperty, Reflect.apply, Date)
 * changes nothing the API reports or stores.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

describe('escape: mutating returned values', () => {
  forEachIsolation('returned-values.js', (harness) => {
    it('mutating copies changes nothing; the API keeps working with its intrinsics replaced', async () => {
      const client = harness().client();
      const mutate = await client.request('/services/js/returned-values.js?step=mutate', {
        headers: { 'x-test': 'one', cookie: 'theme=dark' },
      });
      expect(probeReport(mutate)).to.deep.equal({
        'cart after mutating a copy': '{"items":[{"sku":"a","qty":1}],"total":1}',
        'names after mutating a copy': '["cart"]',
        'creation time unchanged': true,
        'headers after mutating a copy': '["one"]',
        'cookies after mutating a copy': '[{"name":"theme","value":"dark"}]',
        'names with intrinsics replaced': 'cart|after',
        'value with intrinsics replaced': 'list|nested/2',
      });
      await harness().expectContained(mutate);
    });

    it('the next request gets fresh module exports and the stored values', async () => {
      const client = harness().client();
      await client.get('/services/js/returned-values.js?step=mutate');
      const check = probeReport(await client.get('/services/js/returned-values.js?step=check'));
      expect(check).to.deep.include({ 'exports are fresh': 'true', cart: '[object Object]', names: 'cart,after' });
    });
  });
});
