/**
 * Memory a worker holds outside the isolate's heap: Intl objects keep ICU objects in the worker's
 * C++ heap, which isolated-vm's `memoryLimit` does not count, so a loop of `new Intl.DateTimeFormat`
 * grew a worker by hundreds of MB a second, to gigabytes within `timeout`, and objects kept in a
 * warm context's globals grew it further with every request. The supervisor now watches each
 * worker's resident memory (docs/security.md, Memory bombs): past 4 × `memoryLimit` + 256 MiB the
 * worker is killed and replaced, the run under way gets 500 `ERR_MEMORY_LIMIT`, and other users'
 * requests and sessions carry on. And the text a script prints, copied out of the isolate, is
 * held outside the worker's own heap until a full collection, which the worker now makes itself
 * (worker/sandbox/external-garbage.ts): ordinary large pages no longer grow it to its bound.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { workerMemoryBound } from '../../../main/supervisor/worker-memory.js';
import { type HostileHarness, startHostileRuntime } from '../../support/hostile.js';

const MEMORY_LIMIT = 32;
const BOUND = workerMemoryBound(MEMORY_LIMIT);
/** What a worker may pass the bound by between two readings of its memory (about 100 ms of growth). */
const OVERSHOOT = 256 * 1024 * 1024;

/** Resident bytes of process `pid` (0 once it is gone). */
function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

describe('hardening: memory a worker holds outside the isolate heap', function () {
  this.timeout(120_000);
  let harness: HostileHarness | undefined;
  let peak = 0;
  let sampler: NodeJS.Timeout | undefined;
  afterEach(async () => {
    clearInterval(sampler);
    await harness?.close();
    harness = undefined;
  });

  /** Starts the runtime and samples the largest resident memory of any of its workers. */
  async function start(): Promise<HostileHarness> {
    harness = await startHostileRuntime({ workers: 1, memoryLimit: MEMORY_LIMIT, timeout: 4000, deadline: 8000 });
    const running = harness;
    peak = 0;
    sampler = setInterval(() => {
      for (const pid of running.runtime.stats().pids) peak = Math.max(peak, rssOf(pid));
    }, 20);
    return running;
  }

  it('an Intl allocation loop: 500 ERR_MEMORY_LIMIT before the worker passes its bound by much, then served again', async () => {
    const running = await start();
    const before = running.runtime.stats().pids;
    const bomb = await running.attack('icu-bomb.js');
    expect(bomb.status, bomb.text).to.equal(500);
    expect(bomb.json()).to.include({ code: 'ERR_MEMORY_LIMIT' });
    expect(peak, `worker peaked at ${peak} bytes`).to.be.below(BOUND + OVERSHOOT);
    await running.expectContained(bomb);
    expect(running.runtime.stats().pids).not.to.deep.equal(before);
  });

  it('Intl objects kept across requests: the worker is replaced at its bound, other requests are served', async () => {
    const running = await start();
    const first = running.runtime.stats().pids;
    let replaced = false;
    // Until it is replaced: each round adds what 150 ms of allocation does, less on a busy machine.
    for (let i = 0; i < 40 && !replaced; i++) {
      const kept = await running.attack('icu-bomb.js?keep&ms=150');
      if (kept.status !== 200) expect(kept.json()).to.include({ code: 'ERR_MEMORY_LIMIT' });
      expect((await running.client().get('/services/js/hello.js')).text).to.equal('hello');
      replaced = running.runtime.stats().pids.join() !== first.join();
    }
    expect(replaced, 'the worker was never replaced').to.equal(true);
    expect(peak, `worker peaked at ${peak} bytes`).to.be.below(BOUND + OVERSHOOT);
  });

  it('a large page served over and over: the worker frees its copies of the printed text and stays well below its bound', async () => {
    const running = await start();
    const first = running.runtime.stats().pids;
    for (let round = 0; round < 50; round++) {
      const pages = await Promise.all(
        Array.from({ length: 4 }, () => running.client().get('/services/js/large-page.js')),
      );
      for (const page of pages) expect(page.status, page.text.slice(0, 300)).to.equal(200);
    }
    // 200 runs printed 400 MiB; a worker that kept its copies passed its bound (384 MiB) within 150.
    expect(running.runtime.stats().pids).to.deep.equal(first);
    expect(peak, `worker peaked at ${peak} bytes`).to.be.below(BOUND / 2 + 64 * 1024 * 1024);
  });
});
