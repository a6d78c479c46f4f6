/**
 * The floor of the `--isolation request` row: what V8 alone takes to make a context and drop it,
 * with nothing run in it. A worker in `request` isolation makes one for every request (then boots
 * the kernel in it and runs the script), so its CPU per request cannot go below this figure,
 * however lean the rest: the row is read against it. Measured in a child process
 * (context-floor-child.ts) so that the workers' V8 flags stay out of this process.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ContextFloorReport } from './context-floor-child.js';

/** Contexts measured: about a second of CPU on a 2-core cloud machine. */
const MEASURED_CONTEXTS = 1000;

/** CPU µs (user + system) V8 takes to make and drop one bare context on this machine. */
export function measureContextFloor(contexts = MEASURED_CONTEXTS): Promise<number> {
  const child = fork(fileURLToPath(new URL('./context-floor-child.js', import.meta.url)), [String(contexts)], {
    execArgv: ['--no-node-snapshot'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve((message as ContextFloorReport).cpuMicrosPerContext));
    // 'close' comes after the IPC channel closed, so after any message the child sent.
    child.once('close', (code) => reject(new Error(`the context floor's process exited with code ${code}`)));
  });
}
