/**
 * Liveness and readiness. Live: the process answers. Ready: a sandbox worker is ready, the workers
 * are not in a crash loop, the runtime is not shutting down, and the session store answers a read
 * and a delete within a second.
 */
import type { SessionManager } from '../session/manager.js';
import type { WorkerPool } from '../supervisor/pool.js';

/** How long the store may take to answer the readiness probe's read. */
const STORE_PROBE_MS = 1000;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { ok: boolean; detail: string }>;
}

/** The readiness of a runtime, each check with a word on why. */
export async function readiness(sessions: SessionManager, pool: WorkerPool, closing: boolean): Promise<HealthReport> {
  const stats = pool.stats();
  const checks: HealthReport['checks'] = {
    workers: {
      ok: stats.ready > 0 && !stats.crashLooping,
      detail: `${stats.ready} of ${stats.workers} ready${stats.crashLooping ? ', crash loop' : ''}`,
    },
    store: await probeStore(sessions),
    shutdown: { ok: !closing, detail: closing ? 'shutting down' : 'serving' },
  };
  const ok = Object.values(checks).every((check) => check.ok);
  return { status: ok ? 'ok' : 'unavailable', checks };
}

/**
 * Reads and deletes a key no session has: real round trips to the store, on every kind of store.
 * The delete writes nothing, yet a store that takes no writes refuses it (a Redis replica answers
 * `READONLY`), where every session request would fail.
 */
async function probeStore(sessions: SessionManager): Promise<{ ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${STORE_PROBE_MS} ms`)), STORE_PROBE_MS);
  });
  const key = sessions.storeKey('readiness-probe');
  const probe = async () => {
    await sessions.store.get(key);
    await sessions.store.destroy(key);
  };
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, detail: 'reachable' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, detail: withConnectionError(sessions, message) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `message` and, when the store says why it cannot connect (`SessionStore.connectionError`: a
 * Redis store's own client with a wrong password, an untrusted certificate), that reason: its
 * commands fail only with "The client is offline".
 */
function withConnectionError(sessions: SessionManager, message: string): string {
  const why = sessions.store.connectionError;
  return why === undefined ? message : `${message} (cannot connect: ${why})`;
}
