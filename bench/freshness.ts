/**
 * `npm run bench:fresh`: the per-request cost of serving edited files fresh in isolation `script`.
 * Before a warm context serves a request it checks the modification time of every file it loaded
 * (SandboxContext.stale, one `stat` per file). This measures that check, on real files in a
 * temporary folder, for contexts that loaded 1, 10 and 50 files, and prints microseconds per
 * request (the median of several rounds), and the cost of one bare `fs.statSync` on the same
 * machine, for scale (on a busy machine both grow together).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GuestBridge } from '../worker/sandbox/sandbox-context.js';
import { SandboxContext } from '../worker/sandbox/sandbox-context.js';
import { SandboxIsolate } from '../worker/sandbox/sandbox-isolate.js';

const ROUNDS = 7;
const CHECKS_PER_ROUND = 20_000;

const bridge: GuestBridge = {
  callFacade: () => undefined,
  load: () => ({ name: 'Error', code: 'ERR_MODULE_NOT_FOUND', message: 'not in this benchmark' }),
  settle: () => undefined,
  following: () => undefined,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const folder = mkdtempSync(path.join(tmpdir(), 'bench-fresh-'));
const isolate = new SandboxIsolate(64);
try {
  console.log('files loaded by the script | µs per request for the freshness check');
  for (const count of [1, 10, 50]) {
    const context = new SandboxContext(isolate, bridge);
    for (let index = 0; index < count; index++) {
      const file = path.join(folder, `helper-${count}-${index}.js`);
      writeFileSync(file, `exports.n = ${index};`);
      context.track(file);
    }
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = process.hrtime.bigint();
      for (let check = 0; check < CHECKS_PER_ROUND; check++) if (context.stale()) throw new Error('unexpected change');
      rounds.push(Number(process.hrtime.bigint() - started) / 1000 / CHECKS_PER_ROUND);
    }
    console.log(`${String(count).padStart(26)} | ${median(rounds).toFixed(2)}`);
    context.release();
  }
  const probe = path.join(folder, 'probe.js');
  writeFileSync(probe, '');
  const started = process.hrtime.bigint();
  for (let check = 0; check < CHECKS_PER_ROUND; check++) statSync(probe, { throwIfNoEntry: false });
  const each = Number(process.hrtime.bigint() - started) / 1000 / CHECKS_PER_ROUND;
  console.log(`one bare fs.statSync on this machine: ${each.toFixed(2)} µs`);
} finally {
  isolate.dispose();
  rmSync(folder, { recursive: true, force: true });
}
