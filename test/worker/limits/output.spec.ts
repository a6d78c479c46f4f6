/**
 * Response size and output spam: output beyond `maxResponseSize` (body and headers together) is
 * refused with a catchable `RangeError` coded `ERR_RESPONSE_TOO_LARGE`; left uncaught it is the
 * request's 500. Tiny, empty and console writes in bulk stay harmless. The server keeps serving.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const LIMIT = 64 * 1024;

describe('limits: response size and output spam', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ maxResponseSize: LIMIT, workers: 1 });
  });
  after(() => harness.close());

  it('output up to the limit is sent whole', async () => {
    const response = await harness.client().get(`/services/js/limits/output.js?kind=print&size=${LIMIT - 1024}`);
    expect(response.status).to.equal(200);
    expect(response.text).to.have.length(LIMIT - 1024);
  });

  it('output past the limit, uncaught: 500 ERR_RESPONSE_TOO_LARGE naming the limit', async () => {
    const response = await harness.client().get(`/services/js/limits/output.js?kind=print&size=${LIMIT * 4}`);
    expect(response.status).to.equal(500);
    expect(response.json()).to.deep.equal({
      status: 500,
      error: 'RangeError',
      code: 'ERR_RESPONSE_TOO_LARGE',
      message: `print: the response would exceed the limit of ${LIMIT} bytes (maxResponseSize)`,
    });
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
  });

  it('the script can catch the error and answer something else', async () => {
    const response = await harness.client().get('/services/js/limits/output.js?kind=caught');
    expect(response.status).to.equal(200);
    expect(response.text).to.equal(
      `RangeError|ERR_RESPONSE_TOO_LARGE|print: the response would exceed the limit of ${LIMIT} bytes (maxResponseSize)`,
    );
  });

  // Prints the kernel keeps for a later host call (facade/response.ts, applyDeferred) must still fail
  // at the call that passes the limit, whatever the UTF-8 size of each UTF-16 unit.
  for (const [unit, bytes] of [
    ['x', 1],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
  ] as const) {
    it(`the print that passes the limit is the one that fails, and the body holds every print before it (${bytes}-byte characters)`, async () => {
      const response = await harness
        .client()
        .get(`/services/js/limits/output.js?kind=counted&unit=${encodeURIComponent(unit)}`);
      const callBytes = 1000 * bytes;
      const fitting = Math.floor(LIMIT / callBytes);
      expect(response.status).to.equal(200);
      expect(response.headers.get('x-printed')).to.equal(`${fitting}|ERR_RESPONSE_TOO_LARGE`);
      expect(response.text).to.equal(unit.repeat(1000 * fitting));
    });
  }

  for (const [kind, method] of [
    ['headers', 'addHeader'],
    ['cookies', 'addCookie'],
  ]) {
    it(`${kind} count against the limit too (${method})`, async () => {
      const response = await harness.client().get(`/services/js/limits/output.js?kind=${kind}`);
      expect(response.status).to.equal(500);
      expect(response.json()).to.include({
        code: 'ERR_RESPONSE_TOO_LARGE',
        message: `${method}: the response would exceed the limit of ${LIMIT} bytes (maxResponseSize)`,
      });
    });
  }

  it('hundreds of thousands of empty writes and console calls answer normally', async () => {
    const response = await harness.client().get('/services/js/limits/output.js?kind=spam');
    expect(response.status).to.equal(200);
    expect(response.text).to.equal('.'.repeat(1000));
  });
});
