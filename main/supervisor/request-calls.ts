/**
 * The main process's half of a deferred request (`RunMessage.requestDeferred`): a worker whose
 * script reads a request the run was started without asks for it with a `request` host call, and
 * gets it framed as the run frame would have carried it (common/request-frame.ts).
 */
import { InvalidArgumentError } from '../../common/errors.js';
import { requestToFrame } from '../../common/request-frame.js';
import type { HostCallHandler } from './host-calls.js';

/** A handler answering `request` calls here and passing every other call to `others`. */
export function answerRequestCalls(others: HostCallHandler): HostCallHandler {
  return async (call, body, runs) => {
    if (call.type !== 'request') return others(call, body, runs);
    const runId = Number(call.run);
    const run = runs.find((candidate) => candidate.id === runId);
    if (run === undefined || run.requestDeferred !== true)
      throw new InvalidArgumentError('request', 'no run of this worker waits for that request');
    const framed = requestToFrame(run.request);
    return {
      reply: { id: Number(call.id), ok: true, requestBytes: framed.json.length },
      body: Buffer.concat([framed.json, framed.bytes]),
    };
  };
}
