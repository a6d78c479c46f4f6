/**
 * The session of a run started without it (the script's last run did not use the session): no
 * store call before the run. If the script asks for its session, the worker's `session` host call
 * (common/host-call.ts) opens it then, the way it would have been opened before the run (the ids
 * the request carries, the session lock, the app's session in `expressSession` mode), and it is
 * closed after the run as always. A script that never asks costs the store nothing, and waits for
 * nothing: servlet containers, too, look a session up only when the request asks for it.
 */
import type { SessionOp, SessionSettings, SessionSnapshot } from '../../common/snapshot.js';
import type { MaybePromise } from '../../common/maybe-promise.js';
import type { ScriptSession } from './script-session.js';

/** Opens the request's session; a session lock is waited for at most `maxLockWaitMs`. */
export type OpenSession = (maxLockWaitMs: number) => MaybePromise<ScriptSession>;

/** The session and settings a deferred load hands the run. */
export interface DeferredLoad {
  snapshot: SessionSnapshot | undefined;
  settings: SessionSettings;
}

export class DeferredSession implements ScriptSession {
  /** The number the run's settings carry (`deferred`) and the worker's call names. */
  readonly token: number;
  readonly #open: OpenSession;
  readonly #ended: () => void;
  #urlParameter: string | null = null;
  #loading: Promise<DeferredLoad> | undefined;
  #opened: ScriptSession | undefined;
  #released = false;

  /** @param ended called once, when the request is done with the session (the registry forgets it) */
  constructor(token: number, open: OpenSession, ended: () => void) {
    this.token = token;
    this.#open = open;
    this.#ended = ended;
  }

  /** No snapshot goes with the run; after a load, the session it found (for the result checks). */
  snapshot(): SessionSnapshot | undefined {
    return this.#opened?.snapshot();
  }

  /** Settings that tell the sandbox to ask for the session on first use; the load brings the real ones. */
  async settings(urlParameter: string | null): Promise<SessionSettings> {
    this.#urlParameter = urlParameter;
    return { maxInactiveInterval: 0, canCreate: false, maxActiveSessions: 0, urlParameter, deferred: this.token };
  }

  /** Opens the session (once, however often it is asked) and gives what the run would have started with. */
  load(maxLockWaitMs: number): Promise<DeferredLoad> {
    // A failed load stays failed: the request ends with its error (a silent store is no failure, its settings say so).
    this.#loading ??= this.#openNow(maxLockWaitMs);
    return this.#loading;
  }

  /**
   * Applies the run's operations to the session it loaded. A run that never loaded it has none
   * (a worker that sends some anyway has them applied to the session, opened now). Rethrows the
   * error of a failed load, so the request fails as it would have before the run.
   */
  async close(ops: readonly SessionOp[]): Promise<Array<[string, string]>> {
    try {
      if (this.#loading === undefined && ops.length === 0) return [];
      await this.load(Number.POSITIVE_INFINITY);
      return await (this.#opened as ScriptSession).close(ops);
    } finally {
      this.release();
    }
  }

  /** Ends the request's hold on the session (a load still under way releases it when it ends). Idempotent. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#ended();
    this.#opened?.release();
  }

  async #openNow(maxLockWaitMs: number): Promise<DeferredLoad> {
    const session = await this.#open(maxLockWaitMs);
    this.#opened = session;
    if (this.#released) session.release();
    return { snapshot: session.snapshot(), settings: await session.settings(this.#urlParameter) };
  }
}
