/**
 * The soak's server: a real runtime in its own process (so the memory the soak reports is the
 * main process's alone), serving `soak/scripts`. It answers the driver's `sample` messages with
 * its memory after a full garbage collection (run with `--expose-gc`), the pool's state and the
 * number of stored sessions, and how long its event loop was held up since the last sample
 * (loop-delay.ts; the forced collection itself is left out).
 */
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../main/server/runtime.js';
import type { RuntimeOptions } from '../main/server/options.js';
import { LoopDelay } from './loop-delay.js';

const scriptsDir = fileURLToPath(new URL('../../soak/scripts/', import.meta.url));
const options = JSON.parse(process.argv[2] ?? '{}') as Partial<RuntimeOptions>;
let logLines = 0;
const runtime = createRuntime({ root: scriptsDir, ...options, log: () => void logLines++ });
const { url } = await runtime.listen(0, '127.0.0.1');
await runtime.ready();
process.send?.({ type: 'listening', url });
/** How long the main process's event loop was held up, between two samples: a stall shows here. */
const loopDelay = new LoopDelay();

process.on('message', (message: { type: string }) => {
  if (message.type === 'sample') {
    const eventLoop = loopDelay.read();
    loopDelay.reset();
    (globalThis as { gc?: () => void }).gc?.();
    loopDelay.skipTurn();
    void (runtime.sessions.store.count?.() ?? Promise.resolve(-1)).then((sessions) => {
      process.send?.({
        type: 'sample',
        memory: process.memoryUsage(),
        stats: runtime.stats(),
        sessions,
        logLines,
        eventLoop,
      });
    });
  } else if (message.type === 'stop') {
    void runtime.close().then(() => process.exit(0));
  }
});
