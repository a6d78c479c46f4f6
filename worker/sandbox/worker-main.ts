/**
 * Entry point of a sandbox worker process (spawned by the pool with `--no-node-snapshot`).
 * Run messages arrive as frames on stdin and results leave as frames on fd 3. Runs are processed
 * one at a time in arrival order; each result is flushed as soon as it is ready. In idle time the
 * worker prepares contexts ahead of demand. When stdin ends, the worker exits; when the main process
 * dies in the middle of a run, the orphan guard ends it. SIGINT and SIGTERM are ignored: the main
 * process stops its workers itself.
 */
import { Socket } from 'node:net';
import { rememberWithin } from '../../common/bounded-memory.js';
import { FrameChannel } from '../../common/frame-channel.js';
import { QUICK_RUN_MS, type RunFrame, type WorkerFrame, type WorkerSettings } from '../../common/protocol.js';
import { deferredRequest } from '../../common/request-frame.js';
import { decodeRunFrame, encodeWorkerFrame, takeBodyValues } from '../../common/worker-frames.js';
import { ScriptHost } from './script-host.js';
import type { QueuedRun } from './worker-link.js';
import { connectHostCalls } from '../facade/host-connection.js';
import { loadDeferredRequest } from '../facade/request-load.js';
import { HostCallPipe } from './host-call-pipe.js';
import { runArrived } from './arrivals.js';
import { applyContextFlags } from './context-flags.js';
import { ExternalGarbage, fullCollection } from './external-garbage.js';
import { guardAgainstOrphaning } from './orphan-guard.js';

// Read first: a main process killed from now on is seen even while a run holds this thread.
guardAgainstOrphaning(process.ppid);
applyContextFlags();
/** Frees the strings copied out of isolates, which only a full collection frees (external-garbage.ts). */
const externalGarbage = new ExternalGarbage(fullCollection());

// A terminal's Ctrl-C signals every process of its group, and a service manager's stop may too
// (systemd's default signals every process of the unit): the workers must not die of it with runs
// in flight. The main process finishes those runs, then ends their input; it kills a worker with SIGKILL.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const hostCalls = new HostCallPipe();
connectHostCalls((call, body) => hostCalls.call(call, body), settings.deadline);
const channel = new FrameChannel<WorkerFrame, RunFrame>(
  process.stdin,
  new Socket({ fd: 3, readable: false, writable: true }),
  { codec: { encode: encodeWorkerFrame, decode: decodeRunFrame } },
);
/** Sends the frames held back (made once: it is handed to every run's garbage check). */
const flushChannel = (): void => channel.flush();
/** Runs received and not yet run, each with its number from arrivals.ts. */
const queue: QueuedRun[] = [];
let draining = false;

/** How often (ms) a result carries the worker's CPU time: `process.cpuUsage` costs a system call. */
const CPU_REPORT_MS = 50;
let cpuReportedAt = 0;

/** The worker's CPU time (µs) when at `now` the last report is older than `CPU_REPORT_MS`, else `undefined`. */
function cpuReport(now: number): number | undefined {
  if (now - cpuReportedAt < CPU_REPORT_MS) return undefined;
  cpuReportedAt = now;
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Per script: how long (ms) its latest run took here. */
const lastRunMs = new Map<string, number>();

function send(message: WorkerFrame, body?: Uint8Array): void {
  channel.send(message, body);
  channel.flush();
}

/**
 * True when the run after this one is of a script whose latest run here was quick (`QUICK_RUN_MS`):
 * this result then waits to go out in the same write as the next one. A write wakes the main
 * process, and runs of quick scripts come in bursts; behind a slow or unknown script a result goes
 * out at once.
 */
function nextRunIsQuick(): boolean {
  const next = queue[0];
  return next !== undefined && (lastRunMs.get(next.message.script) ?? QUICK_RUN_MS) < QUICK_RUN_MS;
}

const host = new ScriptHost(settings, {
  peekNext: () => queue[0],
  takeNext: () => queue.shift(),
  deliver: (result, script) => {
    rememberWithin(lastRunMs, script, host.lastRunMs, 10_000);
    // The header is written from the result's fields by position (worker-frames.ts); the
    // response body goes as the frame's body.
    const now = Date.now();
    result.cpuMicros = cpuReport(now);
    channel.send(result, result.response.body);
    if (!nextRunIsQuick()) channel.flush();
    // A result held back for the next quick run goes out before a collection, not after it.
    externalGarbage.check(now, flushChannel);
  },
  awaiting: (id) => send({ type: 'awaiting', id }),
});

async function drain(): Promise<void> {
  draining = true;
  // The host may take more runs from the queue (a series of the same script).
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) await host.run(next);
  draining = false;
  setImmediate(() => {
    if (!draining) host.prepare();
  });
}

channel.on('frame', ({ message, body }) => {
  if (message.type !== 'run') return;
  const { id, script, mtimeMs, session, settings, time, requestBytes } = message;
  const request = deferredRequest(time, takeBodyValues(message, body), requestBytes, () => loadDeferredRequest(id));
  queue.push({ message: { type: 'run', id, script, mtimeMs, request, session, settings }, arrival: runArrived() });
  if (!draining) {
    drain().catch((error: unknown) => {
      // A fault of the host itself: the pool sees the exit, fails the run and starts a new worker.
      console.error(error);
      process.exit(70);
    });
  }
});
channel.on('close', () => {
  host.close();
  process.exit(0);
});
host.prepare();
send({ type: 'ready' });
