/**
 * Prints a finished run: the table under a line saying how it was measured, or with `--json` /
 * `BENCH_JSON=1` only the rows as one JSON array (progress lines go to stderr either way).
 */
import { availableParallelism, cpus } from 'node:os';
import { formatTable, jsonRows } from './report.js';
import type { Row } from './row.js';
import type { BenchSettings } from './settings.js';

/**
 * Prints `rows`, and in the table form `notes` under it (a line each); sets a failing exit code
 * when any row had failures or there are none.
 */
export function printRun(
  rows: readonly Row[],
  settings: BenchSettings,
  what: string,
  notes: readonly string[] = [],
): void {
  if (settings.json) console.log(JSON.stringify(jsonRows(rows), null, 2));
  else {
    console.log(
      `\n${what} over HTTP keep-alive, ${settings.connections} connections, ${settings.seconds} s per row ` +
        `(${settings.warmupSeconds} s warm-up); runtime: ${settings.workers} workers, isolation ${settings.isolation}${settings.sessionLock ? ', session lock on' : ''}; ` +
        `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}\n`,
    );
    console.log(formatTable(rows));
    console.log(
      "\nCPU µs/req: CPU time (user + system) of the target's processes over the measured window, read inside " +
        'them, per response; main = the HTTP process, workers = sandbox workers added up. Redis: the Redis ' +
        "server's CPU time (INFO cpu) and commands, a Lua script's included (INFO commandstats), per response.",
    );
    for (const note of notes) console.log(`\n${note}`);
  }
  if (rows.length === 0 || rows.some((row) => row.failures > 0)) {
    console.error('\nSome rows had failures (errors, timeouts, non-2xx or wrong bodies): their numbers are not valid.');
    process.exitCode = 1;
  }
}
