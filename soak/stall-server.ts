/**
 * The stall measurement's server: a real runtime in its own process serving `soak/scripts`, with
 * its default limits and its own logger, measuring its event loop's delay (loop-delay.ts). `reset`
 * starts a measurement, `read` returns its readings.
 */
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../main/server/runtime.js';
import type { RuntimeOptions } from '../main/server/options.js';
import { LoopDelay } from './loop-delay.js';

const scriptsDir = fileURLToPath(new URL('../../soak/scripts/', import.meta.url));
const options = JSON.parse(process.argv[2] ?? '{}') as Partial<RuntimeOptions>;
const runtime = createRuntime({ root: scriptsDir, ...options });
const { url } = await runtime.listen(0, '127.0.0.1');
await runtime.ready();
const loopDelay = new LoopDelay();
process.send?.({ type: 'listening', url });

process.on('message', (message: { type: string }) => {
  if (message.type === 'reset') {
    loopDelay.reset();
    process.send?.({ type: 'reset' });
  } else if (message.type === 'read') {
    process.send?.({ type: 'read', ...loopDelay.read() });
  } else if (message.type === 'stop') {
    void runtime.close().then(() => process.exit(0));
  }
});
