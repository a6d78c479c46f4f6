/**
 * The stall measurement's server: a real runtime in its own process serving `soak/scripts`, with
 * its default limits and its own logger. A 1 ms timer measures how late each turn of its event loop
 * comes (the delay), and how much of that lateness the process spent on a CPU (the busy delay:
 * work of its own, not time the machine gave to other processes). `reset` starts a measurement,
 * `read` returns the largest delay, the largest busy delay and the 99th percentile delay.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../main/server/runtime.js';
import type { RuntimeOptions } from '../main/server/options.js';

const scriptsDir = fileURLToPath(new URL('../../soak/scripts/', import.meta.url));
const options = JSON.parse(process.argv[2] ?? '{}') as Partial<RuntimeOptions>;
const runtime = createRuntime({ root: scriptsDir, ...options });
const { url } = await runtime.listen(0, '127.0.0.1');
await runtime.ready();
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
let maxDelay = 0;
let maxBusy = 0;
let lastTick = performance.now();
let lastCpu = cpuMs();
setInterval(() => {
  const now = performance.now();
  const cpu = cpuMs();
  const late = now - lastTick - 1;
  maxDelay = Math.max(maxDelay, late);
  maxBusy = Math.max(maxBusy, Math.min(late, cpu - lastCpu));
  lastTick = now;
  lastCpu = cpu;
}, 1);
process.send?.({ type: 'listening', url });

process.on('message', (message: { type: string }) => {
  if (message.type === 'reset') {
    histogram.reset();
    maxDelay = 0;
    maxBusy = 0;
    process.send?.({ type: 'reset' });
  } else if (message.type === 'read') {
    process.send?.({ type: 'read', maxMs: maxDelay, busyMs: maxBusy, p99Ms: histogram.percentile(99) / 1e6 });
  } else if (message.type === 'stop') {
    void runtime.close().then(() => process.exit(0));
  }
});

/** CPU time of this process so far (all its threads: the main thread, and V8's and libuv's helpers), ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
