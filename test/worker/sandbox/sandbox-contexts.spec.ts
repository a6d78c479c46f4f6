/**
 * Where runs get their contexts, with real isolates: `ContextPool` (isolation `request`) prepares
 * contexts ahead, uses each once, and replaces isolates on a budget and when their heap fills;
 * `WarmContexts` (isolation `script`) keeps one context per script until the file changes or a run
 * is cut short.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ContextPool, PREPARED_CONTEXTS } from '../../../worker/sandbox/context-pool.js';
import { type GuestBridge, SandboxContext } from '../../../worker/sandbox/sandbox-context.js';
import { SandboxIsolate } from '../../../worker/sandbox/sandbox-isolate.js';
import { WarmContexts } from '../../../worker/sandbox/warm-contexts.js';
import { runArrived } from '../../../worker/sandbox/arrivals.js';

const bridge: GuestBridge = {
  callFacade: () => undefined,
  load: () => ({ name: 'Error', code: 'ERR_MODULE_NOT_FOUND', message: 'no modules here' }),
  settle: () => undefined,
  following: () => undefined,
};

/** A context factory that remembers every isolate it was handed. */
function factory() {
  const isolates: SandboxIsolate[] = [];
  const create = (isolate: SandboxIsolate) => {
    if (!isolates.includes(isolate)) isolates.push(isolate);
    return new SandboxContext(isolate, bridge);
  };
  return { isolates, create };
}

/**
 * Keeps about 14 MB alive in a 16 MB isolate (V8 reports a heap limit of about 20 MB; the recycle
 * threshold is 60% of it, about 12 MB): past the threshold even right after a garbage collection,
 * short of the limit. (250000 objects were about 12 MB: at the threshold, so it hung on GC timing.)
 */
const FILL_HEAP = 'globalThis.keep = []; for (let i = 0; i < 300000; i++) keep.push({ i: i });';

/** A time limit no run here comes near, even on a busy machine: these specs are about memory. */
const RUN_LIMIT_MS = 30_000;

/** Runs `source` as module `main.js` in `context`; returns the kernel's outcome. */
function runIn(context: SandboxContext, source: string, runId = 1): string | undefined {
  context.define('main.js', source, false, RUN_LIMIT_MS);
  return context.runSeries('main.js', runId, RUN_LIMIT_MS, 0);
}

describe('sandbox contexts', () => {
  describe('ContextPool (isolation request)', () => {
    it('prepares contexts ahead, so acquiring one creates none', () => {
      const { isolates, create } = factory();
      const pool = new ContextPool(16, 100, create);
      try {
        pool.prepare();
        expect(isolates[0]?.contextsCreated).to.equal(PREPARED_CONTEXTS);
        const context = pool.acquire();
        expect(isolates[0]?.contextsCreated).to.equal(PREPARED_CONTEXTS);
        expect(runIn(context, 'globalThis.seen = true;')).to.equal(undefined);
        pool.release(context);
        pool.prepare();
        const next = pool.acquire();
        expect(runIn(next, 'if (globalThis.seen) throw new Error("state leaked");')).to.equal(undefined);
        pool.release(next);
      } finally {
        pool.close();
      }
    });

    it('replaces an isolate after contextsPerIsolate contexts and disposes the old one once unused', () => {
      const { isolates, create } = factory();
      const pool = new ContextPool(16, 10, create);
      try {
        for (let i = 0; i < 45; i++) {
          const context = pool.acquire();
          runIn(context, 'exports.n = 1;', i);
          pool.release(context);
          pool.prepare();
        }
        expect(isolates.length).to.be.within(5, 6);
        expect(isolates.slice(0, -1).every((isolate) => isolate.disposed)).to.equal(true);
        expect(isolates.every((isolate) => isolate.contextsCreated <= 10)).to.equal(true);
      } finally {
        pool.close();
      }
    });

    it('retires an isolate whose heap passed the threshold after a run, and disposes it once unused', () => {
      const { isolates, create } = factory();
      const pool = new ContextPool(16, 1000, create);
      try {
        // The heap is held by a context still in use: garbage of a released context would count
        // only until the next garbage collection, which may come at any moment.
        const holder = pool.acquire();
        expect(runIn(holder, FILL_HEAP)).to.equal(undefined);
        const context = pool.acquire();
        expect(context.owner).to.equal(isolates[0]);
        expect(runIn(context, 'exports.n = 1;')).to.equal(undefined);
        pool.release(context);
        const next = pool.acquire();
        expect(next.owner).to.not.equal(isolates[0]);
        expect(isolates[0]?.disposed).to.equal(false);
        pool.release(holder);
        expect(isolates[0]?.disposed).to.equal(true);
        pool.release(next);
      } finally {
        pool.close();
      }
    });

    it('churn of thousands of contexts in a tight loop never reaches the memory limit', function () {
      this.timeout(60_000);
      const { create } = factory();
      const pool = new ContextPool(16, 300, create);
      try {
        for (let i = 0; i < 3000; i++) {
          const context = pool.acquire();
          expect(runIn(context, 'globalThis.x = new Array(1000).fill(1);', i)).to.equal(undefined);
          pool.release(context);
        }
      } finally {
        pool.close();
      }
    });
  });

  describe('freshness checks (SandboxContext.stale)', () => {
    it('a check made after a run arrived holds for it; a run that arrived later checks again', () => {
      const { create } = factory();
      const isolate = new SandboxIsolate(16);
      const folder = mkdtempSync(path.join(tmpdir(), 'stale-'));
      const file = path.join(folder, 'helper.js');
      try {
        writeFileSync(file, 'exports.v = 1;');
        const context = create(isolate);
        context.track(file);
        const first = runArrived();
        const second = runArrived();
        expect(context.stale(first)).to.equal(false);
        const later = new Date(Date.now() + 60_000);
        writeFileSync(file, 'exports.v = 2;');
        utimesSync(file, later, later);
        // Both runs were received before the check found the file unchanged: the edit is not theirs.
        expect(context.stale(second)).to.equal(false);
        expect(context.stale(runArrived())).to.equal(true);
        expect(context.stale()).to.equal(true);
      } finally {
        isolate.dispose();
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe('WarmContexts (isolation script)', () => {
    it('keeps one context per script until its file changes or a run is cut short', () => {
      const { create } = factory();
      const warm = new WarmContexts(16, create);
      try {
        const first = warm.acquire('a.js', 1);
        warm.release(first, false, 0);
        expect(warm.acquire('a.js', 1)).to.equal(first);
        expect(warm.acquire('b.js', 1)).to.not.equal(first);
        const changed = warm.acquire('a.js', 2);
        expect(changed).to.not.equal(first);
        warm.release(changed, true, 0);
        expect(warm.acquire('a.js', 2)).to.not.equal(changed);
      } finally {
        warm.close();
      }
    });

    it('replaces the isolate, dropping every warm context, when its heap fills', () => {
      const { isolates, create } = factory();
      const warm = new WarmContexts(16, create);
      try {
        const context = warm.acquire('a.js', 1);
        expect(runIn(context, FILL_HEAP)).to.equal(undefined);
        warm.release(context, false, 50);
        expect(isolates[0]?.disposed).to.equal(true);
        expect(warm.acquire('a.js', 1)).to.not.equal(context);
      } finally {
        warm.close();
      }
    });

    it('reads the heap after every slow run, and after fast runs once they took 1 ms in all', () => {
      const { isolates, create } = factory();
      const warm = new WarmContexts(16, create);
      try {
        const context = warm.acquire('a.js', 1);
        expect(runIn(context, FILL_HEAP)).to.equal(undefined);
        for (let run = 1; run < 4; run++) {
          warm.release(context, false, 0.25);
          expect(isolates[0]?.disposed, `after fast run ${run}`).to.equal(false);
        }
        warm.release(context, false, 0.25);
        expect(isolates[0]?.disposed).to.equal(true);
      } finally {
        warm.close();
      }
    });
  });

  describe('require in a context', () => {
    it('asks the host to resolve a specifier once per context; a failed resolution is asked again', () => {
      const asked: string[] = [];
      let helperExists = false;
      const counting: GuestBridge = {
        ...bridge,
        load: (context, fromId, specifier) => {
          asked.push(`${fromId} ${specifier}`);
          if (!helperExists)
            return { name: 'Error', code: 'ERR_MODULE_NOT_FOUND', message: `cannot find module "${specifier}"` };
          context.define('lib/helper.js', 'exports.n = (exports.n ?? 0) + 1;', false, 1000);
          return 'lib/helper.js';
        },
      };
      const isolate = new SandboxIsolate(16);
      const context = new SandboxContext(isolate, counting);
      try {
        const main =
          'try { require("./lib/helper"); } catch (error) { if (error.code !== "ERR_MODULE_NOT_FOUND") throw error; }\n' +
          'if (require("./lib/helper").n !== 1) throw new Error("module instance not fresh");';
        helperExists = false;
        expect(runIn(context, main, 1)).to.be.a('string');
        expect(asked).to.deep.equal(['main.js ./lib/helper', 'main.js ./lib/helper']);
        helperExists = true;
        for (let runId = 2; runId <= 4; runId++) expect(runIn(context, main, runId)).to.equal(undefined);
        expect(asked).to.deep.equal(['main.js ./lib/helper', 'main.js ./lib/helper', 'main.js ./lib/helper']);
      } finally {
        context.release();
        isolate.dispose();
      }
    });
  });
});
