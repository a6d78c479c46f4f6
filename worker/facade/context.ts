/**
 * The RequestContext: everything the facade functions of one request read and change. The sandbox
 * binds one per request; with none bound, the script runs outside an HTTP request (facade/registry.ts).
 */
import { SessionLedger } from '../../common/session-limits.js';
import { DEFAULT_LIMITS, type RequestLimits } from '../../common/limits.js';
import { ConsoleBuffer } from './console-buffer.js';
import { ResponseBuffer } from './response-buffer.js';
import { SessionView } from './session-view.js';
import type { RequestSnapshot, SessionSettings, SessionSnapshot } from '../../common/snapshot.js';
import type { DeferredRequest } from '../../common/request-frame.js';

export class RequestContext {
  readonly session: SessionView;
  readonly response: ResponseBuffer;
  /** What the script wrote to its console in this run. */
  readonly console: ConsoleBuffer;
  /** Request attributes (`request.setAttribute`), values as strings, for this request only. */
  readonly attributes = new Map<string, string>();
  /** Size limits of the request attributes (the same limits as session attributes). */
  readonly attributeLedger: SessionLedger;
  /** When the run began (epoch ms, this process's clock): HTTP client calls count against its deadline. */
  readonly startedAt = Date.now();
  /** The bytes of the last HTTP client response, until the guest takes them (`client.takeData`). */
  clientData: Uint8Array | undefined;

  /** The request, or `undefined` until a deferred one is first read. */
  #request: RequestSnapshot | undefined;
  readonly #deferred: DeferredRequest | undefined;

  /**
   * @param request the request, or one read only when a facade first asks for it (worker runs)
   * @param frames makes a console line as it is kept (see `ConsoleBuffer`); default: as written
   */
  constructor(
    request: RequestSnapshot | DeferredRequest,
    session: SessionSnapshot | undefined,
    settings: SessionSettings,
    limits: RequestLimits = DEFAULT_LIMITS,
    frames?: (text: string) => string,
  ) {
    if ('read' in request) this.#deferred = request;
    else this.#request = request;
    this.session = new SessionView(session, request.time, settings, limits, this.startedAt);
    this.response = new ResponseBuffer(limits.maxResponseSize, limits.maxHeaders, limits.maxHeaderBytes);
    this.console = new ConsoleBuffer(limits, this.response, frames);
    this.attributeLedger = new SessionLedger(limits, [], 'request');
  }

  /** The request the script serves. */
  get request(): RequestSnapshot {
    this.#request ??= (this.#deferred as DeferredRequest).read();
    return this.#request;
  }

  /** True once the request was read (always, for one given whole). */
  get requestRead(): boolean {
    return this.#request !== undefined;
  }
}

/** A value that may cross the isolate boundary. */
export type Primitive = string | number | boolean | null | undefined;

/**
 * A host function behind one guest module function. The registry calls it only during an HTTP
 * request (without one, it throws `ERR_NO_HTTP_REQUEST` itself).
 */
export type FacadeFunction = (context: RequestContext, args: readonly unknown[]) => Primitive;

/** The host half of one guest module: function name to implementation. */
export type Facade = Readonly<Record<string, FacadeFunction>>;
