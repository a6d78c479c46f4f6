/**
 * The worker pool: requests spread over the workers, a stuck script holds only its own worker,
 * the main event loop is never blocked by a script, a worker a script crashes is replaced at once,
 * and workers that keep failing to start are a crash loop reported clearly (a log line, and 503
 * `ERR_NO_WORKER` at once) instead of a spin, which ends by itself when a worker starts again.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { WorkerPool } from '../../../main/supervisor/pool.js';
import type { CodedError } from '../../../common/errors.js';
import { createRuntime } from '../../../main/server/runtime.js';
import { scriptsDir } from '../../support/paths.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

/** Resolves `true` once `promise` settles; reads `false` until then. */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled(): boolean } {
  let done = false;
  const observed = promise.finally(() => {
    done = true;
  });
  return { promise: observed, settled: () => done };
}

describe('workers', () => {
  describe('two workers, one stuck', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ workers: 2, timeout: 1000 });
    });
    after(() => harness.close());

    it('a trivial script is answered, many times over, while another runs an infinite loop until its time limit', async () => {
      const loop = tracked(harness.client().get('/services/js/infinite-loop.js'));
      await until(() => harness.runtime.stats().busy > 0);
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        const response = await harness.client().get('/services/js/hello.js');
        latencies.push(performance.now() - started);
        expect(response.text).to.equal('hello');
      }
      expect(loop.settled(), 'the loop was answered before the trivial requests').to.equal(false);
      const timedOut = await loop.promise;
      expect(timedOut.json()).to.include({ code: 'ERR_SCRIPT_TIMEOUT' });
      // Latency is reported, not asserted (timing depends on the machine).
      console.log(
        `      trivial script latency during the loop: median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
      );
    });

    it('concurrent requests run on both workers at once', async () => {
      const runs = [0, 1].map(() => harness.client().get('/services/js/busy.js?ms=400'));
      let most = 0;
      while (most < 2) {
        most = Math.max(most, harness.runtime.stats().busy);
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const response of await Promise.all(runs)) expect(response.text).to.equal('done');
    });
  });

  describe('worker processes, one context per request', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ workers: 1, isolation: 'request' });
    });
    after(() => harness.close());

    it('give asm.js code its answers, with no WebAssembly in their contexts (context-flags.ts)', async () => {
      // 3 * (0 + 1 + ... + 99)
      expect((await harness.client().get('/services/js/asm-module.js')).text).to.equal('14850 undefined');
      expect((await harness.client().get('/services/js/asm-module.js')).text).to.equal('14850 undefined');
    });
  });

  describe('one worker, stuck', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ workers: 1, timeout: 1000 });
    });
    after(() => harness.close());

    it('the main process still answers what needs no worker, and the queued request runs after the slot frees', async () => {
      const loop = tracked(harness.client().get('/services/js/infinite-loop.js'));
      await until(() => harness.runtime.stats().busy > 0);
      const queued = tracked(harness.client().get('/services/js/hello.js'));
      for (let i = 0; i < 20; i++)
        expect((await harness.client().get('/services/js/no-such-script.js')).status).to.equal(404);
      expect(loop.settled()).to.equal(false);
      expect(queued.settled()).to.equal(false);
      expect((await loop.promise).json()).to.include({ code: 'ERR_SCRIPT_TIMEOUT' });
      expect((await queued.promise).text).to.equal('hello');
    });
  });

  describe('a worker crashed by scripts', () => {
    let harness: Harness;
    // A generous time limit, so the bomb always reaches the heap limit first, even on a busy machine.
    before(async () => {
      harness = await startRuntime({ workers: 1, memoryLimit: 16, timeout: 60_000 });
    });
    after(() => harness.close());

    it('is replaced at once, every time: no crash loop', async () => {
      const before = harness.runtime.stats().restarts;
      for (let i = 0; i < 4; i++) {
        const response = await harness.client().get('/services/js/map-bomb.js');
        expect(response.json()).to.include({ code: 'ERR_MEMORY_LIMIT' });
      }
      expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
      expect(harness.runtime.stats()).to.include({ restarts: before + 4, crashLooping: false, workers: 1 });
    });
  });

  describe('ready() and close()', () => {
    /** What `promise` rejected with, or `'resolved'`. */
    const outcome = (promise: Promise<void>) =>
      promise.then(
        () => 'resolved',
        (error: CodedError) => error,
      );

    it('runtime.ready() rejects with ERR_NO_WORKER after close(), and when close() comes while it waits', async function () {
      this.timeout(30_000);
      const started = createRuntime({ root: scriptsDir, workers: 1, logLevel: 'silent' });
      await started.ready();
      await started.close();
      expect(await outcome(started.ready())).to.include({ code: 'ERR_NO_WORKER', status: 503 });
      const starting = createRuntime({ root: scriptsDir, workers: 1, logLevel: 'silent' });
      // Workers take tens of ms to start, so this ready() is still waiting when close() is called.
      const waiting = outcome(starting.ready());
      const closed = starting.close();
      expect(await waiting).to.include({ code: 'ERR_NO_WORKER' });
      expect(((await waiting) as CodedError).message).to.match(/shutting down/);
      await closed;
      const closing = createRuntime({ root: scriptsDir, workers: 1, logLevel: 'silent' });
      await closing.ready();
      const closedToo = closing.close();
      expect(await outcome(closing.ready()), 'called during close()').to.include({ code: 'ERR_NO_WORKER' });
      await closedToo;
    });

    it('the pool: ready() rejects once the pool is closed, also when it was waiting', async function () {
      this.timeout(30_000);
      const pool = new WorkerPool({
        root: scriptsDir,
        timeout: 1000,
        deadline: 2000,
        memoryLimit: 16,
        isolation: 'script',
        contextsPerIsolate: 300,
        limits: DEFAULT_LIMITS,
        workers: 1,
        log: () => undefined,
      });
      const waiting = outcome(pool.ready());
      await pool.close();
      expect(await waiting).to.include({ code: 'ERR_NO_WORKER' });
      expect(await outcome(pool.ready())).to.include({ code: 'ERR_NO_WORKER' });
    });
  });

  describe('workers that cannot start', () => {
    let scratch: string;
    beforeEach(() => {
      scratch = mkdtempSync(path.join(tmpdir(), 'pool-'));
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    /** A pool whose workers fail at start-up: their script root does not exist (yet). */
    function failingPool(log: string[]): WorkerPool {
      return new WorkerPool({
        root: path.join(scratch, 'root'),
        timeout: 1000,
        deadline: 2000,
        memoryLimit: 16,
        isolation: 'script',
        contextsPerIsolate: 300,
        limits: DEFAULT_LIMITS,
        workers: 1,
        log: (line) => log.push(line),
      });
    }

    it('is a crash loop: backing off, said once in the log, and answered 503 ERR_NO_WORKER at once', async () => {
      const log: string[] = [];
      const pool = failingPool(log);
      try {
        const error = await pool.ready().then(
          () => undefined,
          (caught: CodedError) => caught,
        );
        expect(error).to.include({ code: 'ERR_NO_WORKER', status: 503 });
        expect(error?.message).to.equal(
          'no sandbox worker is able to run the script: sandbox workers keep crashing; see the server log',
        );
        const refused = await pool
          .run({ script: 'x.js', mtimeMs: 0, request: {} as never, session: undefined, settings: {} as never })
          .then(
            () => undefined,
            (caught: CodedError) => caught,
          );
        expect(refused).to.include({ code: 'ERR_NO_WORKER' });
        expect(log.filter((line) => line.includes('keep failing'))).to.have.length(1);
        expect(log.find((line) => line.includes('keep failing'))).to.match(
          /sandbox workers keep failing \(3 in a row, last: exit code 1: .*\); requests get 503 ERR_NO_WORKER until one starts/,
        );
        // The cause the worker printed, not the `Node.js v…` line Node ends its report with.
        expect(log.find((line) => line.includes('keep failing'))).to.include(
          `last: exit code 1: Error: ENOENT: no such file or directory, lstat '${path.join(scratch, 'root')}')`,
        );
        const delays = log.flatMap((line) => /a new one starts in (\d+) ms/.exec(line)?.[1] ?? []).map(Number);
        expect(delays.slice(0, 3)).to.deep.equal([250, 500, 1000]);
      } finally {
        await pool.close();
      }
    });

    it('ends by itself once a worker starts again', async function () {
      this.timeout(30_000);
      const log: string[] = [];
      const pool = failingPool(log);
      try {
        await pool.ready().catch(() => undefined);
        mkdirSync(path.join(scratch, 'root'));
        while (pool.stats().crashLooping || pool.stats().ready === 0)
          await new Promise((resolve) => setTimeout(resolve, 50));
        await pool.ready();
        expect(log.at(-1)).to.equal('sandbox workers start again; the crash loop is over');
      } finally {
        await pool.close();
      }
    });
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
