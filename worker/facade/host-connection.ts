/**
 * The facades' connection to the main process for synchronous host calls (common/host-call.ts):
 * the HTTP client's requests (client.ts) and the load of a deferred session (session-load.ts).
 * worker-main.ts connects it once, with the pipe that carries the calls and the run's deadline;
 * each call gets its id here, and a failure the main process answers is thrown as the coded error
 * it names.
 */
import type { HostCall, HostCallFailure, HostCallReply } from '../../common/host-call.js';

/** Sends a host call and waits for its reply. */
export type HostCallTransport = (call: HostCall, body?: Uint8Array) => { reply: HostCallReply; body: Uint8Array };

let transport: HostCallTransport | undefined;
let deadlineMs = Number.POSITIVE_INFINITY;
let nextId = 1;

/** Connects the facades to the main process (worker-main.ts does, once); `deadline` is the run's, ms. */
export function connectHostCalls(send: HostCallTransport, deadline: number): void {
  transport = send;
  deadlineMs = deadline;
}

/** The run's deadline, ms. */
export function runDeadlineMs(): number {
  return deadlineMs;
}

/** Time left of the deadline of a run that began at `startedAt` (epoch ms, this process's clock), ms. */
export function timeLeftOfRun(startedAt: number): number {
  return deadlineMs - (Date.now() - startedAt);
}

/** The id of the next call. */
export function nextHostCallId(): number {
  return nextId++;
}

/** Sends `call` and waits for the answer; throws the error of a failure answer, coded as the main process said. */
export function callHost(
  call: HostCall,
  body?: Uint8Array,
): { reply: Exclude<HostCallReply, HostCallFailure>; body: Uint8Array } {
  if (transport === undefined) throw new Error(`${call.type} calls are not connected to the main process`);
  const answer = transport(call, body);
  const reply = answer.reply;
  if (!reply.ok)
    throw Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code });
  return { reply, body: answer.body };
}
