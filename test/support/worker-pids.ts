/** Pids of this test process's sandbox workers (children running worker-main.js). */
import { execFileSync } from 'node:child_process';

export function workerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('worker-main.js'))
    .map((line) => Number.parseInt(line.trim(), 10));
}
