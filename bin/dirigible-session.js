#!/usr/bin/env -S node --no-node-snapshot
// The `dirigible-session` command. isolated-vm needs --no-node-snapshot on Node 20+; when started
// without it (e.g. through an npm bin shim that drops the shebang flags) re-run this file with it,
// forwarding SIGINT/SIGTERM, and with an IPC channel whose end tells the re-run process that this
// one died (even by SIGKILL), so it stops instead of living on as an orphan. It ends as the re-run
// process did: with its exit code, or by the signal that ended it (a second Ctrl-C: 130 in a shell).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { endBySignal } from '../dist/main/cli/end-by-signal.js';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal === null ? process.exit(code ?? 1) : endBySignal(signal)));
} else {
  // The channel to a re-running parent must not keep a finished command alive.
  process.channel?.unref();
  const { main } = await import('../dist/main/server/cli.js');
  await main(process.argv.slice(2));
}
