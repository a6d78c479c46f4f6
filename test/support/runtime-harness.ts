/**
 * Starts a real runtime (real sandbox workers) on a free loopback port for a spec.
 */
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import type { RuntimeOptions } from '../../main/server/options.js';
import { CookieJarClient } from './cookie-jar-client.js';
import { scriptsDir } from './paths.js';

export interface Harness {
  runtime: Runtime;
  url: string;
  /** A new client with an empty cookie jar. */
  client(): CookieJarClient;
  close(): Promise<void>;
}

/** Starts a runtime serving `test/fixtures/scripts` unless `root` says otherwise. */
export async function startRuntime(options: Partial<RuntimeOptions> = {}): Promise<Harness> {
  const logged: string[] = [];
  const runtime = createRuntime({
    root: scriptsDir,
    workers: 1,
    sweepInterval: 0,
    // Quiet unless the spec passes a logger of its own.
    ...(options.logger === undefined ? { log: (line: string) => logged.push(line) } : {}),
    ...options,
  });
  const { url } = await runtime.listen(0, '127.0.0.1');
  await runtime.ready();
  return {
    runtime,
    url,
    client: () => new CookieJarClient(url),
    close: () => runtime.close(),
  };
}
