/**
 * Entry point of a sandbox worker process (forked by the pool with `--no-node-snapshot`).
 * It runs one script at a time and answers each `run` message with a `result`.
 */
import type { RunMessage, WorkerMessage, WorkerSettings } from './protocol.js';
import { ScriptHost } from './script-host.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const host = new ScriptHost(settings);

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.on('message', (message: RunMessage) => {
  if (message.type === 'run') send(host.run(message));
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
