/**
 * A stop signal meant for the server may reach its sandbox workers too: Ctrl-C in a terminal
 * signals the whole process group, and systemd's default stop signals every process of the unit.
 * A worker ignores SIGINT and SIGTERM, so the run in flight finishes while the main process shuts
 * down; the main process alone stops its workers.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';
import { workerPids } from '../../support/worker-pids.js';

describe('hardening: stop signals sent to the workers', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startRuntime({ workers: 1, timeout: 30_000 });
  });
  afterEach(() => harness.close());

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`a worker sent ${signal} while it runs a script finishes the run and stays`, async () => {
      const [pid] = workerPids();
      expect(pid).to.be.a('number');
      const running = harness.client().get('/services/js/busy.js?ms=2000');
      await until(() => harness.runtime.stats().busy > 0);
      process.kill(pid as number, signal);
      const response = await running;
      expect(response.status).to.equal(200);
      expect(response.text).to.equal('done');
      expect(workerPids()).to.deep.equal([pid]);
      expect(harness.runtime.stats().restarts).to.equal(0);
    });
  }

  it('close() still stops a worker that was sent SIGINT and SIGTERM', async () => {
    const [pid] = workerPids();
    process.kill(pid as number, 'SIGINT');
    process.kill(pid as number, 'SIGTERM');
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
    await harness.runtime.close();
    expect(workerPids()).to.deep.equal([]);
  });
});
