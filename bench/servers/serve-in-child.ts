/**
 * The child half of server-process.ts: starts a server, reports its URL to the parent, closes it
 * when the parent says stop (or goes away), then exits.
 */
import { ownCpuMicros } from '../meters/cpu.js';
import { type ChildReport, STOP, USAGE, type UsageReport } from '../server-process.js';

/** A running server: where it listens and how to close it. */
export interface StartedServer {
  url: string;
  close(): Promise<void>;
  /** CPU time (µs) its worker processes have used, added up; absent for a single-process server. */
  workerCpuMicros?(): number;
}

function report(message: ChildReport | UsageReport): void {
  process.send?.(message);
}

/** Starts `start(config)` with the JSON config of `argv[2]` and serves until told to stop. */
export async function serveInChild<Config>(start: (config: Config) => Promise<StartedServer>): Promise<void> {
  if (process.send === undefined) throw new Error('this module is a benchmark server: run it through `npm run bench`');
  let server: StartedServer;
  try {
    server = await start(JSON.parse(process.argv[2] ?? '{}') as Config);
  } catch (error) {
    report({ failed: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect();
    return;
  }
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    void server.close().finally(() => process.exit(0));
  };
  process.on('message', (message) => {
    if (message === STOP) close();
    if (message === USAGE) report({ usage: { main: ownCpuMicros(), workers: server.workerCpuMicros?.() } });
  });
  process.once('disconnect', close);
  report({ listening: server.url });
}
