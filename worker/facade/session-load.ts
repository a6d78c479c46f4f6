/**
 * The load of a session the run was started without (`SessionSettings.deferred`: the script's
 * last run did not use its session, so the main process did not wait for the store before the
 * run). The first session call of the script asks the main process for it with a `session` host
 * call and blocks until the answer: the stored session (if the request names one) and the session
 * settings, exactly as an eager run would have been handed them.
 */
import { ScriptDeadlineError } from '../../common/errors.js';
import type { SessionAnswer } from '../../common/host-call.js';
import type { SessionSettings, SessionSnapshot } from '../../common/snapshot.js';
import { callHost, nextHostCallId, runDeadlineMs, timeLeftOfRun } from './host-connection.js';

/** What a deferred load gives the run: the session it would have started with, and its settings. */
export interface LoadedSession {
  snapshot: SessionSnapshot | undefined;
  settings: SessionSettings;
}

/**
 * Asks the main process for the session of the run with `token`; `startedAt` is when the run
 * began (epoch ms, this process's clock). Throws the coded error the main process answers with
 * (`ERR_SESSION_LOCKED` …); a store that did not answer is no error here but `storeUnavailable`
 * in the settings.
 */
export function loadDeferredSession(token: number, startedAt: number): LoadedSession {
  const timeLeft = timeLeftOfRun(startedAt);
  if (timeLeft <= 0) throw new ScriptDeadlineError(runDeadlineMs());
  const call = { type: 'session', id: nextHostCallId(), token, timeoutMs: timeLeft } as const;
  // The answer to a session call is a SessionAnswer.
  const reply = callHost(call).reply as SessionAnswer;
  return { snapshot: reply.session, settings: reply.settings };
}
