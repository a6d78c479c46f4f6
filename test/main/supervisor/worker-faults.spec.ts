/**
 * Worker faults and shutdown: a worker killed mid-request is replaced and only its request fails
 * (503); sessions are untouched; close() lets in-flight requests finish.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';
import { workerPids } from '../../support/worker-pids.js';

describe('worker faults', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startRuntime({ workers: 1, timeout: 30_000 });
  });
  afterEach(() => harness.close());

  it('a worker killed while running a script gives that request 503; the next request works and sessions survive', async () => {
    const client = harness.client();
    await client.get('/services/js/session-info.js?set=kept&value=yes');
    const [pid] = workerPids();
    expect(pid).to.be.a('number');
    const running = harness.client().get('/services/js/busy.js?ms=20000');
    await runStarted(harness);
    process.kill(pid as number, 'SIGKILL');
    const failed = await running;
    expect(failed.status).to.equal(503);
    expect(failed.json()).to.include({ code: 'ERR_WORKER_CRASHED' });
    const next = await client.get('/services/js/session-info.js');
    expect(next.json()).to.deep.include({ attributes: { kept: 'yes' } });
    expect(workerPids()).to.not.include(pid);
  });

  it('close() finishes in-flight requests, storing their session writes, then stops', async () => {
    const client = harness.client();
    const running = client.get('/services/js/busy.js?ms=300');
    await runStarted(harness);
    const closed = harness.runtime.close();
    const response = await running;
    expect(response.status).to.equal(200);
    expect(response.text).to.equal('done');
    await closed;
    expect(workerPids()).to.deep.equal([]);
  });
});

/**
 * Waits (event-loop turns, no timers) until the worker holds the request: with one worker and
 * nothing queued, the run it holds is the one in progress. The run ends only in a later turn, so
 * this cannot miss it, however slowly the machine runs.
 */
async function runStarted(harness: Harness): Promise<void> {
  await until(() => harness.runtime.stats().busy > 0);
}
