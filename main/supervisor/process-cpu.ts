/**
 * The CPU time a process has used so far, read from `/proc/<pid>/stat` (Linux): user plus system
 * time. The supervisor uses it to tell a run that works past its time limit from one that only
 * waits for a CPU on a busy machine. `undefined` where `/proc` is not available.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc` times (`CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU ms used by process `pid`, or `undefined` when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name (which may hold spaces) start with the state; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
