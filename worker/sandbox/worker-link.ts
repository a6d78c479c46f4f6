/**
 * What passes between a worker process and its script host (script-host.ts): the runs queued in
 * the worker (worker-main.ts), which the host takes one or a series at a time, and where results go.
 */
import type { ResultMessage, RunMessage } from '../../common/protocol.js';
import type { DeferredRequest } from '../../common/request-frame.js';

/** A run as the worker received it: its request is parsed only when the script reads it. */
export type ArrivedRun = Omit<RunMessage, 'request'> & { request: DeferredRequest };

/** A run waiting in the worker's queue, with its number from arrivals.ts. */
export interface QueuedRun {
  message: ArrivedRun;
  arrival: number;
}

/** What the script host needs of the worker process it runs in. */
export interface WorkerLink {
  /** The run queued next, if any, left in the queue. */
  peekNext(): QueuedRun | undefined;
  /** Takes the run queued next out of the queue (the host runs it). */
  takeNext(): void;
  /** A run ended: its result goes to the main process. */
  deliver(result: ResultMessage, script: string): void;
  /** Run `id`'s synchronous part ended and it awaits a promise (the supervisor then allows up to the deadline). */
  awaiting(id: number): void;
}
