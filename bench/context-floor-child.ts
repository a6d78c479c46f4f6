/**
 * Child process entry of `measureContextFloor` (context-floor.ts): makes and drops bare isolated-vm
 * contexts the way a worker in `request` isolation does (its V8 flags, the runtime's default memory
 * limit, a new isolate every `contextsPerIsolate` contexts), runs nothing in them, and sends the
 * parent the CPU time (user + system, V8's helper threads included) one context cost.
 */
import ivm from 'isolated-vm';
import { resolveOptions } from '../main/server/options.js';
import { applyContextFlags } from '../worker/sandbox/context-flags.js';
import { examplesDir } from './basic-usage.js';

/** Contexts made before the measured ones: the first isolates warm the process up. */
const WARM_UP_CONTEXTS = 100;

/** What the child sends its parent. */
export interface ContextFloorReport {
  cpuMicrosPerContext: number;
}

const contexts = Number(process.argv[2]);
const { memoryLimit, contextsPerIsolate } = resolveOptions({ root: examplesDir });
applyContextFlags();

let isolate = new ivm.Isolate({ memoryLimit });
let made = 0;
function makeAndDrop(): void {
  if (made === contextsPerIsolate) {
    isolate.dispose();
    isolate = new ivm.Isolate({ memoryLimit });
    made = 0;
  }
  isolate.createContextSync().release();
  made += 1;
}

for (let i = 0; i < WARM_UP_CONTEXTS; i += 1) makeAndDrop();
const before = process.cpuUsage();
for (let i = 0; i < contexts; i += 1) makeAndDrop();
const used = process.cpuUsage(before);
isolate.dispose();
const report: ContextFloorReport = { cpuMicrosPerContext: (used.user + used.system) / contexts };
process.send?.(report);
