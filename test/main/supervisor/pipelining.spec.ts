/**
 * Pipelining: a run is queued inside a busy worker only behind scripts that have proven fast, and
 * runs queued in a worker that stops are run elsewhere, never lost or run twice. Packing puts no
 * run behind a script that stopped being quick (the rules themselves: worker-choice.spec.ts).
 */
import { expect } from 'chai';
import { createRuntime } from '../../../main/server/runtime.js';
import { scriptsDir } from '../../support/paths.js';
import { startRuntime, type Harness } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

describe('pipelining', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startRuntime({ workers: 1, timeout: 30_000, pipelineDepth: 4 });
  });
  afterEach(() => harness.close());

  /** While busy.js runs for `ms`, a second request waits in the pool's queue, not in the worker. */
  async function expectRunWaitsInThePool(ms: number): Promise<void> {
    const slow = harness.client().get(`/services/js/busy.js?ms=${ms}`);
    await until(() => harness.runtime.stats().busy === 1);
    const hello = harness.client().get('/services/js/hello.js');
    await until(() => harness.runtime.stats().queued === 1);
    expect(harness.runtime.stats().held).to.deep.equal([1]);
    expect((await slow).text).to.equal('done');
    expect((await hello).text).to.equal('hello');
  }

  it('queues nothing behind a script that has not proven fast', async () => {
    await expectRunWaitsInThePool(400);
  });

  it('queues behind a proven-fast script; when that worker is killed, the queued run is run by its replacement', async () => {
    // The first run compiles the script (and loads the module-kind lexer): it proves nothing; three fast ones in a row
    // after it do. More than three, so that one slowed by a busy machine (over FAST_RUN_MS) is followed by three more.
    for (let i = 0; i < 8; i++) expect((await harness.client().get('/services/js/busy.js?ms=0')).text).to.equal('done');
    const stuck = harness.client().get('/services/js/busy.js?ms=20000');
    await until(() => harness.runtime.stats().busy === 1);
    const client = harness.client();
    const queued = client.get('/services/js/session-info.js?set=ran&value=once');
    // Proof of pipelining: the one worker holds both runs while the first is still running.
    await until(() => harness.runtime.stats().held[0] === 2);
    expect(harness.runtime.stats().queued).to.equal(0);
    const [pid] = harness.runtime.stats().pids;
    process.kill(pid as number, 'SIGKILL');
    expect((await stuck).status).to.equal(503);
    const answer = await queued;
    expect(answer.status).to.equal(200);
    expect(answer.json()).to.deep.include({ attributes: { ran: 'once' }, isNew: true });
    expect(harness.runtime.stats().pids).to.not.include(pid);
  });

  it('packs no run behind a quick script whose run stopped being quick: the other worker takes it', async () => {
    await harness.close();
    harness = await startRuntime({ workers: 2, timeout: 30_000 });
    // Proves busy.js quick (or at least fast): sequential runs of a few hundred µs each.
    for (let i = 0; i < 8; i++) expect((await harness.client().get('/services/js/busy.js?ms=0')).text).to.equal('done');
    let slowDone = false;
    const slow = harness
      .client()
      .get('/services/js/busy.js?ms=5000')
      .then((response) => {
        slowDone = true;
        return response;
      });
    await until(() => harness.runtime.stats().busy === 1);
    const since = Date.now();
    // Past the time a quick run may have been on: the run is no longer taken for quick.
    await until(() => Date.now() - since > 10);
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
    expect(slowDone, 'hello.js waited behind the 5 s run').to.equal(false);
    expect(harness.runtime.stats().held.sort()).to.deep.equal([0, 1]);
    expect((await slow).text).to.equal('done');
  });

  it('pipelineDepth 1 turns pipelining off', async () => {
    await harness.close();
    harness = await startRuntime({ workers: 1, timeout: 30_000, pipelineDepth: 1 });
    for (let i = 0; i < 4; i++) await harness.client().get('/services/js/busy.js?ms=0');
    await expectRunWaitsInThePool(300);
  });

  it('rejects a pipelineDepth below 1, naming it', () => {
    expect(() => createRuntime({ root: scriptsDir, pipelineDepth: 0 })).to.throw(/pipelineDepth/);
  });
});
