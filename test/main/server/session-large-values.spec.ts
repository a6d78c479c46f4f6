/**
 * Session values of every size come back whole on the next request, beside the request's own body:
 * a value of `BODY_VALUE_FROM` characters or more travels to the worker as bytes in the run frame's
 * body, before the request (worker-frames.ts), not inside its JSON header.
 */
import { expect } from 'chai';
import { BODY_VALUE_FROM } from '../../../common/worker-frames.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('large session values on the way to the worker', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ workers: 1 });
  });
  after(() => harness.close());

  it('are read back whole, ASCII, escaped and non-ASCII alike, and the request body after them', async () => {
    const client = harness.client();
    const stored = await (await client.get('/services/js/session-large-values.js?store=1')).json<Outcome>();
    const expected = {
      names: ['small', 'ascii', 'quoted', 'unicode', 'last'],
      small: 's',
      ascii: 'a'.repeat(100 * 1024),
      quoted: { text: 'say "hi"\\'.repeat(3000), n: [1, 2.5, null, true] },
      unicode: 'é✓😀'.repeat(6000),
      last: 42,
    };
    expect(stored).to.deep.include(expected);
    for (const name of ['ascii', 'quoted', 'unicode'] as const)
      expect(JSON.stringify(expected[name]).length, name).to.be.at.least(BODY_VALUE_FROM);
    const read = await (
      await client.request('/services/js/session-large-values.js?q=ü', {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'the body ✓',
      })
    ).json<Outcome>();
    expect(read).to.deep.equal({ ...expected, body: 'the body ✓', q: 'ü' });
  });
});

interface Outcome {
  names: string[];
  small: string;
  ascii: string;
  quoted: unknown;
  unicode: string;
  last: number;
  body: string;
  q: string | null;
}
