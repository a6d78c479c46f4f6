/**
 * Time limits: `timeout` ends a script's synchronous run (loops, catastrophic regular expressions,
 * endless microtask chains); `deadline` ends a run that awaits something that never happens. Both
 * answer 500 with a coded error naming the limit, keep what the script stored before, and leave the
 * server serving.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('limits: time', () => {
  let harness: Harness;
  /**
   * The time limit counts the worker's CPU and the deadline wall time: on a busy machine a worker
   * gets half a core or less, so the runs that burn CPU get a deadline far beyond their time limit,
   * or the deadline could end them first.
   */
  let burning: Harness;
  before(async () => {
    harness = await startRuntime({ timeout: 250, deadline: 800, workers: 1 });
    burning = await startRuntime({ timeout: 250, deadline: 60_000, workers: 1 });
  });
  after(async () => {
    await harness.close();
    await burning.close();
  });

  for (const kind of ['loop', 'regexp', 'microtasks', 'sort']) {
    it(`a ${kind} past the time limit: 500 ERR_SCRIPT_TIMEOUT naming 250 ms; the next request works`, async () => {
      const response = await burning.client().get(`/services/js/limits/cpu.js?kind=${kind}`);
      expect(response.status).to.equal(500);
      expect(response.json()).to.deep.equal({
        status: 500,
        error: 'ScriptTimeoutError',
        code: 'ERR_SCRIPT_TIMEOUT',
        message: 'script exceeded the execution time limit of 250 ms',
      });
      expect((await burning.client().get('/services/js/hello.js')).text).to.equal('hello');
    });
  }

  it('a script awaiting forever: 500 ERR_SCRIPT_DEADLINE naming 800 ms; what it stored before awaiting is kept', async () => {
    const client = harness.client();
    const response = await client.get('/services/js/limits/deadline.js?kind=forever');
    expect(response.status).to.equal(500);
    expect(response.json()).to.deep.equal({
      status: 500,
      error: 'ScriptDeadlineError',
      code: 'ERR_SCRIPT_DEADLINE',
      message: 'script did not finish within the deadline of 800 ms',
    });
    const info = (await client.get('/services/js/session-info.js')).json<{ attributes: Record<string, string> }>();
    expect(info.attributes).to.deep.equal({ 'before-await': 'set' });
  });

  it('an ES module script awaiting forever at top level: 500 ERR_SCRIPT_DEADLINE; one whose awaits settle is answered', async () => {
    const forever = await harness.client().get('/services/js/limits/deadline.mjs?kind=forever');
    expect(forever.status).to.equal(500);
    expect(forever.json()).to.include({ code: 'ERR_SCRIPT_DEADLINE' });
    const settled = await harness.client().get('/services/js/limits/deadline.mjs');
    expect(settled.status).to.equal(200);
    expect(settled.text).to.equal('settled');
  });

  it('a script returning a promise that settles is answered when it settles, with what it printed before and after awaiting', async () => {
    const client = harness.client();
    const response = await client.get('/services/js/limits/deadline.js?kind=soon');
    expect(response.status).to.equal(200);
    expect(response.text).to.equal('awaiting|settled');
    const info = (await client.get('/services/js/session-info.js')).json<{ attributes: Record<string, string> }>();
    expect(info.attributes).to.deep.equal({ async: 'done' });
  });
});
