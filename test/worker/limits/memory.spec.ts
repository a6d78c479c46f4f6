/**
 * Heap memory: every memory bomb ends as a clear error while the server keeps serving and no
 * session is lost. Bombs that make V8 abort the whole worker (the Map-growth bomb of DESIGN.md and
 * its relatives) are caught by the supervisor, which kills and replaces the worker; the others by
 * isolated-vm, which disposes of the isolate; failed allocations are a RangeError in the script.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const LIMIT_BODY = {
  status: 500,
  error: 'MemoryLimitError',
  code: 'ERR_MEMORY_LIMIT',
  message: 'script exceeded the memory limit of 16 MB',
};

describe('limits: memory', () => {
  for (const isolation of ['script', 'request'] as const) {
    describe(`isolation ${isolation}`, () => {
      let harness: Harness;
      // A generous time limit, so every bomb reaches the heap limit first, even on a busy machine.
      before(async () => {
        harness = await startRuntime({ memoryLimit: 16, timeout: 60_000, workers: 1, isolation });
      });
      after(() => harness.close());

      const bombs =
        isolation === 'script'
          ? ['map', 'set', 'object keys', 'array', 'strings', 'nested arrays', 'json', 'closures']
          : ['map', 'array'];
      for (const kind of bombs) {
        it(`the ${kind} bomb: 500 ERR_MEMORY_LIMIT naming 16 MB; the next request works and the session survives`, async () => {
          const client = harness.client();
          await client.get('/services/js/session-info.js?set=keep&value=me');
          const response = await harness.client().get(`/services/js/limits/memory.js?kind=${encodeURIComponent(kind)}`);
          expect(response.status).to.equal(500);
          expect(response.json()).to.deep.equal(LIMIT_BODY);
          expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
          expect((await client.get('/services/js/session-info.js')).json()).to.deep.include({
            attributes: { keep: 'me' },
          });
        });
      }
    });
  }

  describe('allocations that fail in the script', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ memoryLimit: 16, workers: 1 });
    });
    after(() => harness.close());

    for (const [kind, message] of [
      ['array buffers', 'Array buffer allocation failed'],
      ['huge array buffer', 'Array buffer allocation failed'],
      ['string doubling', 'Invalid string length'],
    ]) {
      it(`${kind}: a RangeError the script could catch; the server keeps serving`, async () => {
        const response = await harness
          .client()
          .get(`/services/js/limits/memory.js?kind=${encodeURIComponent(kind as string)}`);
        expect(response.status).to.equal(500);
        expect(response.json()).to.include({ error: 'RangeError', message });
        expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
      });
    }

    // Their memory is outside the heap memoryLimit counts: with them a script held 500 MB in a
    // worker limited to 128 MB, across requests, until the resident-memory bound killed the worker.
    for (const [kind, method] of [
      ['resizable array buffer', 'resize'],
      ['growable shared array buffer', 'grow'],
    ]) {
      it(`${kind}: there is none (maxByteLength is ignored, no ${method}); a TypeError the script could catch`, async () => {
        const response = await harness
          .client()
          .get(`/services/js/limits/memory.js?kind=${encodeURIComponent(kind as string)}`);
        expect(response.status).to.equal(500);
        expect(response.json()).to.include({ error: 'TypeError', message: `b.${method} is not a function` });
        expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
      });
    }
  });
});
