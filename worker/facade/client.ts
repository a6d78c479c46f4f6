/**
 * Host half of `http/v4/client`: a script's HTTP request, carried out by the main process (which
 * checks it against `allowedHosts`) while the script waits: the call goes out on the host-call
 * pipe and this blocks until the answer comes (worker/sandbox/host-call-pipe.ts). The call's time
 * counts against the run's deadline. Response metadata crosses to the guest as JSON text, with
 * a text body, which this decodes (the main process hands over bytes); bytes, when asked for, as
 * a binary string (`takeData`).
 */
import { HttpClientTimeoutError, NoHttpRequestError } from '../../common/errors.js';
import type { HttpClientAnswer } from '../../common/host-call.js';
import { type ClientOptions, clientCall } from './client-call.js';
import { decodeText } from './client-text.js';
import type { Facade, RequestContext } from './context.js';
import { callHost, nextHostCallId, timeLeftOfRun } from './host-connection.js';

function current(context: RequestContext | undefined, method: string): RequestContext {
  if (context === undefined) throw new NoHttpRequestError(method);
  return context;
}

/** The Content-Type of a response by its raw headers: the first, as Node reads a repeated one. */
function contentTypeOf(headers: ReadonlyArray<{ name: string; value: string }>): string | null {
  return headers.find((header) => header.name.toLowerCase() === 'content-type')?.value ?? null;
}

function parseOptions(json: unknown): ClientOptions {
  const parsed: unknown = typeof json === 'string' && json !== '' ? JSON.parse(json) : {};
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ClientOptions) : {};
}

/** The client facade, by function name. */
export const clientFacade: Facade = {
  request: (context, [url, optionsJson, data]) => {
    const request = current(context, 'request');
    request.clientData = undefined;
    const timeLeft = timeLeftOfRun(request.startedAt);
    if (timeLeft <= 0) throw new HttpClientTimeoutError(0);
    const { call, body } = clientCall(
      nextHostCallId(),
      url,
      parseOptions(optionsJson),
      typeof data === 'string' ? data : undefined,
      timeLeft,
    );
    const answer = callHost(call, body);
    // The answer to an http-client call is an HttpClientAnswer.
    const reply = answer.reply as HttpClientAnswer;
    if (reply.binary) request.clientData = answer.body;
    const { id: _id, ok: _ok, text, ...response } = reply;
    if (!text) return JSON.stringify(response);
    return JSON.stringify({ ...response, text: decodeText(answer.body, contentTypeOf(reply.headers)) });
  },
  takeData: (context) => {
    const request = current(context, 'takeData');
    const data = request.clientData ?? new Uint8Array(0);
    request.clientData = undefined;
    return Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  },
};
