/**
 * Attribute value size, attribute count and session size: the sandbox refuses a write that breaks
 * a limit with a catchable `RangeError` whose code names it, storing nothing of that write; the
 * session keeps working. Request attributes have the same limits.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

interface Outcome {
  counts: Record<string, number>;
  names: number;
}

describe('limits: attributes and session size', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ maxAttributeSize: 4096, maxAttributes: 20, maxSessionSize: 16 * 1024, workers: 1 });
  });
  after(() => harness.close());
  const run = async (query: string, client = harness.client()) =>
    (await client.get(`/services/js/limits/attributes.js?${query}`)).json<Outcome>();

  it('an attribute over maxAttributeSize is refused and not stored', async () => {
    const client = harness.client();
    expect(await run('kind=one&size=4000', client)).to.deep.equal({ counts: { ok: 1 }, names: 1 });
    const refused = await run('kind=one&size=5000', client);
    expect(refused.counts).to.deep.equal({
      'RangeError|ERR_ATTRIBUTE_TOO_LARGE|setAttribute: attribute "big" is 5005 bytes; the limit is 4096 bytes (maxAttributeSize)': 1,
    });
    const stored = await harness.runtime.sessions.store.get(
      harness.runtime.sessions.storeKey(client.cookies.get('JSESSIONID') ?? ''),
    );
    expect(stored?.attributes).to.deep.equal([['big', JSON.stringify('x'.repeat(4000))]]);
  });

  it('past maxAttributes a new name is refused; the others stay', async () => {
    const client = harness.client();
    const outcome = await run('kind=many&size=25', client);
    expect(outcome.counts).to.deep.equal({
      ok: 20,
      'RangeError|ERR_TOO_MANY_ATTRIBUTES|setAttribute: the session already has 20 attributes; the limit is 20 (maxAttributes)': 5,
    });
    expect(outcome.names).to.equal(20);
    expect(
      (
        await harness.runtime.sessions.store.get(
          harness.runtime.sessions.storeKey(client.cookies.get('JSESSIONID') ?? ''),
        )
      )?.attributes,
    ).to.have.length(20);
  });

  it('past maxSessionSize a write is refused', async () => {
    const outcome = await run('kind=fill&size=19');
    expect(outcome.counts['ok']).to.equal(16);
    expect(Object.keys(outcome.counts)[1]).to.match(
      /^RangeError\|ERR_SESSION_TOO_LARGE\|setAttribute: attribute "f16" would make the session 1\d{4} bytes; the limit is 16384 bytes \(maxSessionSize\)$/,
    );
  });

  it('one request may write at most 4 × maxSessionSize in total, even to one attribute', async () => {
    const outcome = await run('kind=rewrite&size=80');
    expect(outcome.counts['ok']).to.be.within(60, 66);
    expect(Object.keys(outcome.counts)[1]).to.equal(
      'RangeError|ERR_SESSION_TOO_LARGE|setAttribute: this request wrote more than 65536 bytes of session attributes (4 × maxSessionSize)',
    );
  });

  it('request attributes have the same limits', async () => {
    const outcome = await run('kind=request&size=25');
    expect(outcome.counts['ok']).to.equal(16);
    const refusals = Object.keys(outcome.counts).filter((message) => message !== 'ok');
    expect(refusals).to.have.length(9);
    for (const message of refusals) {
      expect(message).to.match(
        /^RangeError\|ERR_SESSION_TOO_LARGE\|setAttribute: attribute "r\d+" would make the request 17041 bytes; the limit is 16384 bytes \(maxSessionSize\)$/,
      );
    }
  });

  it("left uncaught, the error is the request's 500 and nothing is stored", async () => {
    const client = harness.client();
    const response = await client.get('/services/js/limits/attributes.js?kind=uncaught&size=10000');
    expect(response.status).to.equal(500);
    expect(response.json()).to.include({ error: 'RangeError', code: 'ERR_ATTRIBUTE_TOO_LARGE' });
    expect(client.cookies.has('JSESSIONID')).to.equal(false);
  });
});
