/**
 * Session listeners, as a servlet container has them (`HttpSessionListener`,
 * `HttpSessionAttributeListener`, `HttpSessionIdListener`, `HttpSessionActivationListener`, and
 * `HttpSessionBindingListener` for attribute values), and the dispatcher that calls them.
 *
 * A listener that throws (or returns a promise that rejects) is logged and never breaks the
 * request or the container: the servlet containers do the same.
 */
import { InvalidOptionError } from '../../common/errors.js';
import type { HttpSession } from './http-session.js';

/** An event about a whole session (`javax.servlet.http.HttpSessionEvent`). */
export class HttpSessionEvent {
  /** The session the event is about. */
  readonly session: HttpSession;

  constructor(session: HttpSession) {
    this.session = session;
  }

  getSession(): HttpSession {
    return this.session;
  }
}

/**
 * An event about one attribute (`javax.servlet.http.HttpSessionBindingEvent`). `value` is the
 * added value, the removed value, or — for `attributeReplaced` — the old value.
 */
export class HttpSessionBindingEvent extends HttpSessionEvent {
  readonly name: string;
  readonly value: unknown;

  constructor(session: HttpSession, name: string, value: unknown) {
    super(session);
    this.name = name;
    this.value = value;
  }

  getName(): string {
    return this.name;
  }

  getValue(): unknown {
    return this.value;
  }
}

/**
 * A session listener: implement any of the methods. Registered with the `listeners` option of
 * `createRuntime` or with `runtime.sessions.addListener(listener)`.
 * @example
 * runtime.sessions.addListener({ sessionCreated: (event) => console.log('new', event.session.getId()) });
 */
export interface SessionListener {
  /** A session was created (it is stored when the request that made it completes). */
  sessionCreated?(event: HttpSessionEvent): unknown;
  /** A session ends by `invalidate()` or expiry; its attributes can still be read. Called in reverse registration order. */
  sessionDestroyed?(event: HttpSessionEvent): unknown;
  /** `changeSessionId()` gave the session a new id; `event.session.getId()` is the new one. */
  sessionIdChanged?(event: HttpSessionEvent, oldSessionId: string): unknown;
  /** An attribute was added; `event.value` is its value. */
  attributeAdded?(event: HttpSessionBindingEvent): unknown;
  /** An attribute was replaced; `event.value` is the OLD value. */
  attributeReplaced?(event: HttpSessionBindingEvent): unknown;
  /** An attribute was removed; `event.value` is the removed value. */
  attributeRemoved?(event: HttpSessionBindingEvent): unknown;
  /** The session is about to be written to a distributed store. */
  sessionWillPassivate?(event: HttpSessionEvent): unknown;
  /** The session was just read from a distributed store. */
  sessionDidActivate?(event: HttpSessionEvent): unknown;
}

/** The listener methods, in the order the docs list them. */
export const LISTENER_METHODS = [
  'sessionCreated',
  'sessionDestroyed',
  'sessionIdChanged',
  'attributeAdded',
  'attributeReplaced',
  'attributeRemoved',
  'sessionWillPassivate',
  'sessionDidActivate',
] as const;

export type ListenerMethod = (typeof LISTENER_METHODS)[number];

/** Throws `ERR_INVALID_OPTION` naming `option` unless `listener` implements a listener method. */
export function checkListener(option: string, listener: unknown): asserts listener is SessionListener {
  const implementsOne =
    typeof listener === 'object' &&
    listener !== null &&
    LISTENER_METHODS.some((method) => typeof (listener as Record<string, unknown>)[method] === 'function');
  if (!implementsOne)
    throw new InvalidOptionError(option, `must be an object implementing one of ${LISTENER_METHODS.join(', ')}`);
}

/** The registered listeners of one session manager. */
export class SessionListeners {
  readonly #listeners: SessionListener[] = [];
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  /** Registers a listener (once; adding it again changes nothing). */
  add(listener: SessionListener): void {
    checkListener('listener', listener);
    if (!this.#listeners.includes(listener)) this.#listeners.push(listener);
  }

  /** Unregisters a listener; no-op when it is not registered. */
  remove(listener: SessionListener): void {
    const index = this.#listeners.indexOf(listener);
    if (index >= 0) this.#listeners.splice(index, 1);
  }

  /** True when some listener implements `method` (lets callers skip building an event). */
  has(method: ListenerMethod): boolean {
    return this.#listeners.some((listener) => typeof listener[method] === 'function');
  }

  /**
   * Calls `method` on every listener that implements it: in registration order, except
   * `sessionDestroyed`, which goes in reverse order (Servlet: destroy notifications run in
   * reverse order of declaration).
   */
  fire(method: ListenerMethod, event: HttpSessionEvent, ...extra: unknown[]): void {
    const listeners = method === 'sessionDestroyed' ? [...this.#listeners].reverse() : [...this.#listeners];
    for (const listener of listeners) this.call(listener, method, [event, ...extra]);
  }

  /** Calls `target[method](...args)` if it is a function; what it throws or rejects is logged. */
  call(target: object, method: string, args: unknown[]): void {
    const fn = (target as Record<string, unknown>)[method];
    if (typeof fn !== 'function') return;
    try {
      const result: unknown = Reflect.apply(fn, target, args);
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.#failed(method, error));
    } catch (error) {
      this.#failed(method, error);
    }
  }

  #failed(method: string, error: unknown): void {
    this.#log(
      `session listener ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
