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
});
