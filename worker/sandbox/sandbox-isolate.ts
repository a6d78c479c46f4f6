/**
 * One isolated-vm isolate with its memory limit, the compiled guest kernel, and a cache of compiled
 * module wrappers (a compiled script runs in any context of its isolate, so a module is compiled
 * once per isolate, not once per context). It counts the contexts made from it and tells when its
 * heap is filling up, so the owner can replace it before the memory limit is reached.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ivm from 'isolated-vm';
import { rememberWithin } from '../../common/bounded-memory.js';
import { guestModulesDir } from './module-loader.js';

const kernelSource = readFileSync(path.join(guestModulesDir, 'kernel.js'), 'utf8');
/**
 * Run in every context before the kernel boots, in the kernel's own script: removes what the
 * isolate offers beyond plain ECMAScript and cannot keep within its limits. WebAssembly memory is
 * not counted against the isolate's memory limit (a script could take gigabytes of the worker's
 * memory), and `Atomics.waitAsync` with a timeout aborts the whole worker process (isolated-vm
 * cannot run the delayed task V8 posts).
 */
const hardeningSource = 'delete globalThis.WebAssembly; delete Atomics.waitAsync;';
/** The start of the function a module's source is wrapped in: an API module's, and a script's. */
const API_WRAPPER_HEAD = '(function (exports, require, module, kernel) {';
const SCRIPT_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
/** Share of the heap limit in use after a run beyond which the isolate is replaced. */
const HEAP_RECYCLE_RATIO = 0.6;
/** Compiled module wrappers kept per isolate. */
const COMPILED_LIMIT = 500;
/**
 * A script allocates about a megabyte a millisecond at most, so the heap is read again only once
 * runs have taken this long (ms) in all since it was last read: reading it locks the isolate, and
 * fast runs come thousands a second. Between two readings the heap can grow past the recycle
 * threshold by a couple of megabytes at most (the runs before the reading, and the last one).
 */
const RUN_MS_PER_CHECK = 1;

export class SandboxIsolate {
  readonly isolate: ivm.Isolate;
  /** The hardening, then the kernel: evaluates to the kernel's boot function (see kernel.js). */
  readonly kernel: ivm.Script;
  /** Contexts created from this isolate so far. */
  contextsCreated = 0;
  /** Contexts created and not yet released. */
  liveContexts = 0;
  readonly #compiled = new Map<string, { source: string; script: ivm.Script }>();
  /** Time (ms) runs took since the heap was last read. */
  #runMsUnchecked = 0;
  /** True once `heapNearlyFullAfterRun` found the heap past the threshold: it stays so. */
  #foundNearlyFull = false;

  /** @param memoryLimit heap limit in MB */
  constructor(memoryLimit: number) {
    this.isolate = new ivm.Isolate({ memoryLimit });
    // On the kernel's first line, so its stack frames keep their line numbers.
    this.kernel = this.isolate.compileScriptSync(hardeningSource + kernelSource, { filename: 'kernel.js' });
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /**
   * The compiled wrapper of a module: an expression whose value is the module function. Module ids
   * are root-relative, so stack traces name no host path. The wrapper's head shares the source's
   * first line, so the columns of that line are shifted back by its length: positions in stacks
   * and syntax errors are those of the file.
   */
  compile(id: string, source: string, api: boolean): ivm.Script {
    const key = api ? `api:${id}` : id;
    const cached = this.#compiled.get(key);
    if (cached !== undefined && cached.source === source) return cached.script;
    const head = api ? API_WRAPPER_HEAD : SCRIPT_WRAPPER_HEAD;
    const script = this.isolate.compileScriptSync(`${head}${source}\n})`, {
      filename: api ? `${id}.js` : id,
      columnOffset: -head.length,
    });
    rememberWithin(this.#compiled, key, { source, script }, COMPILED_LIMIT);
    return script;
  }

  /** True when the heap in use passed the recycle threshold (or the isolate is gone). */
  heapNearlyFull(): boolean {
    if (this.disposed) return true;
    const stats = this.isolate.getHeapStatisticsSync();
    return stats.used_heap_size + stats.externally_allocated_size > stats.heap_size_limit * HEAP_RECYCLE_RATIO;
  }

  /**
   * `heapNearlyFull`, asked after a run that took `runMs`: the heap is read once the runs since the
   * last reading took `RUN_MS_PER_CHECK` in all (see there), so after any run of that length or
   * more. Once true, always true (so a series of runs that found the heap so ends, and the release
   * after it recycles the isolate). An isolate disposed meanwhile (at its memory limit) is found by
   * the owner's next `disposed` check, before the next run.
   */
  heapNearlyFullAfterRun(runMs: number): boolean {
    if (this.#foundNearlyFull) return true;
    this.#runMsUnchecked += runMs;
    if (this.#runMsUnchecked < RUN_MS_PER_CHECK) return false;
    this.#runMsUnchecked = 0;
    this.#foundNearlyFull = this.heapNearlyFull();
    return this.#foundNearlyFull;
  }

  dispose(): void {
    this.#compiled.clear();
    if (!this.disposed) this.isolate.dispose();
  }
}
