/**
 * Sandbox workers run `WORKER_NICENESS` nice steps below the main process (at most 19), so that
 * the main process, on the path of every request, gets a CPU first.
 */
import { getPriority } from 'node:os';
import { expect } from 'chai';
import { WORKER_NICENESS } from '../../../main/supervisor/worker-priority.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('worker priority', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ workers: 2 });
  });
  after(() => harness.close());

  it('every worker runs WORKER_NICENESS nice steps below the main process', () => {
    const { pids } = harness.runtime.stats();
    expect(pids).to.have.length(2);
    const expected = Math.min(19, getPriority() + WORKER_NICENESS);
    for (const pid of pids) expect(getPriority(pid)).to.equal(expected);
  });
});
