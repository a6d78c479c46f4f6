/**
 * The sessions of the runs started without them, by the number their settings carry (`deferred`),
 * and the host-call handler that loads one when its script asks (deferred-session.ts). A worker
 * runs hostile code, so a call is answered only for a run that worker holds.
 */
import { InvalidArgumentError } from '../../common/errors.js';
import type { HostCallHandler } from '../supervisor/host-calls.js';
import { DeferredSession, type OpenSession } from './deferred-session.js';

export class DeferredSessions {
  readonly #pending = new Map<number, DeferredSession>();
  #next = 1;

  /** A session to open only if the run asks for it; forgotten here once the request releases it. */
  defer(open: OpenSession): DeferredSession {
    const token = this.#next++;
    const session = new DeferredSession(token, open, () => this.#pending.delete(token));
    this.#pending.set(token, session);
    return session;
  }

  /** Sessions deferred and not yet released (for tests and monitoring). */
  get size(): number {
    return this.#pending.size;
  }

  /** A handler answering `session` calls here and passing every other call to `others`. */
  hostCalls(others: HostCallHandler): HostCallHandler {
    return async (call, body, runs) => {
      if (call.type !== 'session') return others(call, body, runs);
      const token = Number(call.token);
      const session = this.#pending.get(token);
      if (session === undefined || !runs.some((run) => run.settings.deferred === token))
        throw new InvalidArgumentError('session', 'no run of this worker waits for that session');
      const { snapshot, settings } = await session.load(Math.max(0, Number(call.timeoutMs) || 0));
      return {
        reply: { id: Number(call.id), ok: true, ...(snapshot === undefined ? {} : { session: snapshot }), settings },
      };
    };
  }
}
