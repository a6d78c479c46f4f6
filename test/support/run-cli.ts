/**
 * Runs the real `dirigible-session` command (`bin/dirigible-session.js`, which imports `dist/`) to
 * its end, as an operator would from a shell, and gives back what it printed and its exit code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { packageDir } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dirigible-session ...args` with `env` added to this process's environment. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', path.join(packageDir, 'bin/dirigible-session.js'), ...args],
    {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
