#!/usr/bin/env -S node --no-node-snapshot
// The `serve` CLI. isolated-vm needs --no-node-snapshot on Node 20+; when started without it
// (e.g. through an npm bin shim that drops the shebang flags) re-run this file with it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const { main } = await import('../dist/main/server/cli.js');
  await main(process.argv.slice(2));
}
