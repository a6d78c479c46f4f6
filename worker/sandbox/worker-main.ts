/**
 * Entry point of a sandbox worker process (spawned by the pool with `--no-node-snapshot`).
 * Run messages arrive as frames on stdin and results leave as frames on fd 3. Runs are processed
 * one at a time in arrival order; each result is flushed as soon as it is ready. In idle time the
 * worker prepares contexts ahead of demand. When stdin ends, the worker exits.
 */
import { Socket } from 'node:net';
import { FrameChannel } from '../../common/frame-channel.js';
import type { RunFrame, RunMessage, WorkerFrame, WorkerSettings } from '../../common/protocol.js';
import { requestFromFrame } from '../../common/request-frame.js';
import { ScriptHost } from './script-host.js';
import { connectHttpClient } from '../facade/client.js';
import { HostCallPipe } from './host-call-pipe.js';
import { connectSessionLoader } from '../facade/session-load.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const host = new ScriptHost(settings, (id) => send({ type: 'awaiting', id }));
const hostCalls = new HostCallPipe();
connectHttpClient((call, body) => hostCalls.call(call, body), settings.deadline);
connectSessionLoader((call) => hostCalls.call(call), settings.deadline);
const channel = new FrameChannel<WorkerFrame, RunFrame>(
  process.stdin,
  new Socket({ fd: 3, readable: false, writable: true }),
);
const queue: RunMessage[] = [];
let draining = false;

/** How often (ms) a result carries the worker's CPU time: `process.cpuUsage` costs a system call. */
const CPU_REPORT_MS = 50;
let cpuReportedAt = 0;

/** `{ cpuMicros }` when the last report is older than `CPU_REPORT_MS`, else nothing. */
function cpuReport(): { cpuMicros?: number } {
  const now = Date.now();
  if (now - cpuReportedAt < CPU_REPORT_MS) return {};
  cpuReportedAt = now;
  const { user, system } = process.cpuUsage();
  return { cpuMicros: user + system };
}

function send(message: WorkerFrame, body?: Uint8Array): void {
  channel.send(message, body);
  channel.flush();
}

async function drain(): Promise<void> {
  draining = true;
  for (let message = queue.shift(); message !== undefined; message = queue.shift()) {
    const {
      response: { body, ...response },
      ...result
    } = await host.run(message);
    send({ ...result, response, ...cpuReport() }, body);
  }
  draining = false;
  setImmediate(() => {
    if (!draining) host.prepare();
  });
}

channel.on('frame', ({ message, body }) => {
  if (message.type !== 'run') return;
  queue.push({ ...message, request: requestFromFrame(message.request, body) });
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
