/**
 * Runs a server under test in its own child process, so the load generator (autocannon, in the
 * bench's main process) never shares an event loop or a heap with it. The child entry calls
 * `serveInChild` (servers/serve-in-child.ts); they talk over the IPC channel.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CpuReading } from './meters/cpu.js';

/** Child to parent, once: the server listens at `url`, or could not start. */
export type ChildReport = { listening: string } | { failed: string };
/** Child to parent, answering `USAGE`: the CPU its processes have used so far. */
export interface UsageReport {
  usage: CpuReading;
}
/** Parent to child: close the server and exit. */
export const STOP = 'stop';
/** Parent to child: report the CPU used so far (a `UsageReport`). */
export const USAGE = 'usage';

/** A started server process. */
export interface ServerProcess {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The CPU the server's processes have used so far, read inside them. */
  cpuUsage(): Promise<CpuReading>;
  /** Asks the server to close, and kills it if it has not exited within 10 s. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Forks `entry` (a compiled `bench/servers/*.js` module) with `config` as JSON in `argv[2]`.
 * @example
 * const server = await startServerProcess(new URL('./servers/express-server.js', import.meta.url), {});
 */
export function startServerProcess(entry: URL, config: unknown): Promise<ServerProcess> {
  const child = fork(fileURLToPath(entry), [JSON.stringify(config)], {
    execArgv: ['--no-node-snapshot'],
    stdio: 'inherit',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cpuUsage = () =>
    new Promise<CpuReading>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (typeof message !== 'object' || message === null || !('usage' in message)) return;
        child.off('message', onMessage);
        resolve((message as UsageReport).usage);
      };
      child.on('message', onMessage);
      if (!child.send(USAGE)) reject(new Error(`${entry.pathname}: cannot ask for its CPU usage`));
    });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send(STOP);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${entry.pathname}: not listening after ${START_TIMEOUT_MS} ms`));
      child.kill('SIGKILL');
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry.pathname}: exited before listening (code ${code}, signal ${signal})`));
    });
    child.once('message', (message: ChildReport) => {
      clearTimeout(timer);
      if ('listening' in message) resolve({ url: message.listening, cpuUsage, stop });
      else {
        reject(new Error(`${entry.pathname}: ${message.failed}`));
        void stop();
      }
    });
  });
}
