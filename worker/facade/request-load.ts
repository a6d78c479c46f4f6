/**
 * The load of a request the run was started without (`REQUEST_DEFERRED`: the script's last run did
 * not read its request, so the main process did not send it). The first read asks the main
 * process for it with a `request` host call and blocks until the answer.
 */
import type { RequestAnswer } from '../../common/host-call.js';
import type { RequestFrame } from '../../common/request-frame.js';
import { callHost, nextHostCallId } from './host-connection.js';

/** Asks the main process for the request of run `run`, framed as a run frame carries one. */
export function loadDeferredRequest(run: number): RequestFrame {
  const answer = callHost({ type: 'request', id: nextHostCallId(), run });
  // The answer to a request call is a RequestAnswer.
  const reply = answer.reply as RequestAnswer;
  return { body: answer.body, jsonBytes: reply.requestBytes };
}
