/**
 * Run by `worker-spawn-failure.spec.ts` under a low open-files limit (`ulimit -n`): serves the test
 * scripts with one worker, uses up every file descriptor, kills the worker (so the pool must spawn
 * another while none can be), then frees them and checks the server recovered. Prints one JSON
 * line: what it saw. Exits non-zero only if something threw here; a crash of the runtime shows as
 * a missing line and a non-zero exit.
 */
import { closeSync, openSync } from 'node:fs';
import { createRuntime } from '../../main/server/runtime.js';
import { scriptsDir } from './paths.js';

const logged: string[] = [];
const runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, log: (line) => logged.push(line) });
const { url } = await runtime.listen(0, '127.0.0.1');
await runtime.ready();
const before = await fetch(`${url}/services/js/hello.js`);
await before.text();

const held: number[] = [];
for (;;) {
  try {
    held.push(openSync('/dev/null', 'r'));
  } catch {
    break;
  }
}
const [pid] = runtime.stats().pids;
if (pid !== undefined) process.kill(pid, 'SIGKILL');
// The pool tries again after 250 ms, 500 ms, 1 s: wait until it logged a failed start.
while (!logged.some((line) => line.includes('could not be started'))) await new Promise((r) => setTimeout(r, 20));
for (const fd of held) closeSync(fd);

await runtime.ready();
const after = await fetch(`${url}/services/js/hello.js`);
console.log(
  JSON.stringify({
    before: before.status,
    after: after.status,
    body: await after.text(),
    startFailures: logged.filter((line) => line.includes('could not be started')),
  }),
);
await runtime.close();
