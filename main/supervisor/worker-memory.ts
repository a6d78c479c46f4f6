/**
 * A worker's resident memory, read from `/proc/<pid>/status` (Linux), and the bound past which the
 * supervisor replaces it. isolated-vm's `memoryLimit` counts the isolate's V8 heap only: what V8
 * keeps outside it for a script (the ICU objects behind `Intl` objects, for one) grows the worker
 * process without limit unless something watches the process itself.
 */
import { readFileSync } from 'node:fs';

const MIB = 1024 * 1024;
/** Room for the worker's own Node heap, code and buffers (a result frame, a client response) beside its isolates. */
const HOST_ROOM_MIB = 256;

/**
 * The resident memory (bytes) past which a worker is replaced: four isolate heaps (isolated-vm
 * lets a heap pass its limit two to three times, and request isolation may hold an isolate being
 * retired beside the new one) plus `HOST_ROOM_MIB`.
 * @param memoryLimit the isolate heap limit, MB
 * @example workerMemoryBound(128) // 768 MiB, in bytes
 */
export function workerMemoryBound(memoryLimit: number): number {
  return (4 * memoryLimit + HOST_ROOM_MIB) * MIB;
}

/** Resident memory (bytes) of process `pid`, or `undefined` when it cannot be read. */
export function processRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const match = /^VmRSS:\s*(\d+) kB/m.exec(status);
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
