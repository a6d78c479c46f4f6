/**
 * Entry point of a sandbox worker process (forked by the pool with `--no-node-snapshot`).
 * It runs one script at a time and answers each `run` message with a `result`; in idle time it
 * prepares contexts ahead of demand.
 */
import type { RunMessage, WorkerMessage, WorkerSettings } from './protocol.js';
import { ScriptHost } from './script-host.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const host = new ScriptHost(settings);
let queue: Promise<void> = Promise.resolve();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.on('message', (message: RunMessage) => {
  if (message.type !== 'run') return;
  queue = queue
    .then(async () => {
      send(await host.run(message));
      setImmediate(() => host.prepare());
    })
    .catch((error: unknown) => {
      // A fault of the host itself: the pool sees the exit, fails the run and starts a new worker.
      console.error(error);
      process.exit(70);
    });
});
process.on('disconnect', () => {
  host.close();
  process.exit(0);
});
host.prepare();
send({ type: 'ready' });
