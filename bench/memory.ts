/**
 * `npm run bench:memory`: memory per idle session with 100,000 sessions held (BENCH_SESSIONS),
 * this runtime's MemoryStore against express-session's MemoryStore. Each store is filled in its
 * own child process (run with `--expose-gc`) with what a Basic Usage request leaves behind: one
 * session with `attr1 = "value1"`, stored as each library stores it (through this runtime's
 * SessionManager; through express-session's `store.set` with its `Cookie`). The figure is the
 * growth of the V8 heap, after a full collection, divided by the sessions.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readSettings } from './settings.js';

/** What a child measured. */
export interface MemoryReport {
  store: string;
  sessions: number;
  bytesPerSession: number;
}

const stores = ['dirigible-session MemoryStore', 'express-session MemoryStore'] as const;

function measureInChild(store: string, sessions: number): Promise<MemoryReport> {
  const child = fork(fileURLToPath(new URL('./memory-fill.js', import.meta.url)), [store, String(sessions)], {
    execArgv: ['--expose-gc', '--no-node-snapshot'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as MemoryReport));
    child.once('exit', (code) => reject(new Error(`${store}: the measuring process exited with code ${code}`)));
  });
}

const sessions = Number(process.env['BENCH_SESSIONS'] ?? 100_000);
if (!Number.isInteger(sessions) || sessions < 1) throw new Error('BENCH_SESSIONS must be a whole number >= 1');
const reports: MemoryReport[] = [];
for (const store of stores) reports.push(await measureInChild(store, sessions));
if (readSettings().json) console.log(JSON.stringify(reports, null, 2));
else {
  console.log(
    `\nMemory per idle session, ${sessions.toLocaleString('en-US')} Basic Usage sessions held, Node ${process.version}\n`,
  );
  for (const report of reports)
    console.log(`${report.store.padEnd(32)} ${report.bytesPerSession.toFixed(0).padStart(6)} bytes`);
}
