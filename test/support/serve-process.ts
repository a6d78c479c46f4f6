/**
 * Runs the real `dirigible-session serve` CLI (`bin/dirigible-session.js`, which imports `dist/`) as a child process, as one
 * machine of several would run it, and reads the URL from the line it prints once listening.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { packageDir } from './paths.js';

export interface ServeProcess {
  /** `http://127.0.0.1:PORT` (`https://` with `--tls-cert` and `--tls-key`) */
  url: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Everything the process wrote to stdout so far (its JSON log lines among them). */
  stdout(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Sends `signal` to the process. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves once the process wrote a line to stdout that matches `pattern`. */
  printed(pattern: RegExp): Promise<void>;
  /** Resolves with how the process ended: its exit code, or the signal that ended it. */
  ended(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The build of this mocha run, once one was asked for. */
let built: Promise<void> | undefined;

/**
 * Compiles `dist/` (what `bin/dirigible-session.js` runs) from the current sources, as `npm run
 * build` does, once per mocha run: the specs that run the CLI share it. Under `npm test` it is
 * already done (its `pretest` builds right before), so nothing is compiled again.
 */
export function buildDist(): Promise<void> {
  built ??= process.env['npm_lifecycle_event'] === 'test' ? Promise.resolve() : compileDist();
  return built;
}

async function compileDist(): Promise<void> {
  const tsc = spawn(
    process.execPath,
    [path.join(packageDir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  tsc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(tsc, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`npm run build failed (tsc exit ${code}):\n${output}`);
}

/**
 * Starts `serve <root> --port 0 ...args` and resolves once it printed its URL.
 * @param env variables added to this process's environment
 */
export async function startServeProcess(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--no-node-snapshot', path.join(packageDir, 'bin/dirigible-session.js'), 'serve', root, '--port', '0', ...args],
    {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /https?:\/\/[\d.]+:\d+/.exec(stdout);
      if (found === null) return;
      child.stdout?.off('data', onData);
      resolve(found[0]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`serve exited with code ${code} before listening:\n${stdout}${stderr}`)),
    );
  });
  child.removeAllListeners('exit');
  const ended = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const waiting = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const check of waiting) check();
  });
  return {
    signal: (signal) => void child.kill(signal),
    printed: (pattern) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!pattern.test(stdout)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    ended: async () => {
      const [code, signal] = await ended;
      return { code, signal };
    },
    url,
    stderr: () => stderr,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit') as Promise<[number | null]>;
      child.kill('SIGTERM');
      return (await exited)[0];
    },
  };
}
