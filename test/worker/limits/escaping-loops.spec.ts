/**
 * Issue 14, failure 2: loops that isolated-vm's own time limit does not stop (API calls in a loop,
 * allocation, ICU work) still end at `timeout` with ERR_SCRIPT_TIMEOUT, not at the deadline. The
 * deadline here is a minute: a run that reached it would fail the spec by its mocha timeout. A loop
 * ended inside the worker (API calls, ICU work) commits the session writes made before it; one the
 * supervisor had to kill (the allocation loop) cannot, as docs/security.md says.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('limits: loops that escape the isolate time limit', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ timeout: 500, deadline: 60_000, workers: 1 });
  });
  after(() => harness.close());

  for (const kind of ['api', 'alloc', 'icu']) {
    it(`a loop of ${kind} work: 500 ERR_SCRIPT_TIMEOUT naming 500 ms; a run queued behind it is answered`, async function () {
      this.timeout(30_000);
      const looping = harness.client().get(`/services/js/hardening/escaping.js?kind=${kind}`);
      const queued = harness.client().get('/services/js/hello.js');
      const response = await looping;
      expect(response.status).to.equal(500);
      expect(response.json()).to.deep.equal({
        status: 500,
        error: 'ScriptTimeoutError',
        code: 'ERR_SCRIPT_TIMEOUT',
        message: 'script exceeded the execution time limit of 500 ms',
      });
      expect((await queued).text).to.equal('hello');
    });
  }

  it('the allocation loop right behind a burst of fast runs on its worker is still ended at timeout (the watchdog set for the first run follows the queue)', async function () {
    this.timeout(30_000);
    const client = harness.client();
    const fast = Array.from({ length: 20 }, () => client.get('/services/js/hello.js'));
    const looping = client.get('/services/js/hardening/escaping.js?kind=alloc');
    for (const response of await Promise.all(fast)) expect(response.text).to.equal('hello');
    expect((await looping).json()).to.include({ code: 'ERR_SCRIPT_TIMEOUT' });
  });

  for (const kind of ['api', 'icu']) {
    it(`a loop of ${kind} work ended by timeout: the session write made before it is kept`, async function () {
      this.timeout(30_000);
      const client = harness.client();
      const looping = await client.get(`/services/js/hardening/escaping.js?kind=${kind}&mark=${kind}`);
      expect(looping.json()).to.include({ code: 'ERR_SCRIPT_TIMEOUT' });
      const info = await client.get('/services/js/session-info.js');
      expect(info.json()).to.deep.include({ isNew: false, attributes: { mark: kind } });
    });
  }

  it('a script awaiting past timeout is held to the deadline, not to the synchronous limit', async function () {
    this.timeout(30_000);
    const awaiting = await startRuntime({ timeout: 300, deadline: 3000, workers: 1 });
    try {
      const response = await awaiting.client().get('/services/js/limits/deadline.js?kind=forever');
      expect(response.status).to.equal(500);
      expect(response.json()).to.include({ code: 'ERR_SCRIPT_DEADLINE' });
    } finally {
      await awaiting.close();
    }
  });
});
