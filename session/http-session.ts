/**
 * The host-side session object: the whole `javax.servlet.http.HttpSession` interface, deprecated
 * methods included, with the container's duties (listeners, binding notices, id rotation).
 *
 * It holds one request's view of a stored session and records what the request changed (see
 * `SessionChanges`), so the manager writes back exactly that. Attribute values are kept as JSON
 * text; `getAttribute` returns a fresh copy. Sessions are made by a `SessionManager`.
 */
import { attributeToJson, checkAttributeName } from './attribute-value.js';
import { type BoundValues, bindingListenerData, isBindingListener } from './bound-values.js';
import { CodedError, SessionInvalidatedError } from './errors.js';
import { generateSessionId, isWellFormedSessionId } from './ids.js';
import { HttpSessionBindingEvent, HttpSessionEvent, type SessionListeners } from './listeners.js';
import type { SessionPatch, SessionRecord } from './record.js';
import { emptySessionContext, type HttpSessionContext, type ServletContext } from './servlet-context.js';
import { SessionChanges } from './session-changes.js';

/** What a session needs from the manager that made it. */
export interface SessionContainer {
  readonly servletContext: ServletContext;
  readonly listeners: SessionListeners;
  readonly boundValues: BoundValues;
}

export class HttpSession {
  #id: string;
  readonly #creationTime: number;
  #lastAccessedTime: number;
  #maxInactiveInterval: number;
  #isNew: boolean;
  readonly #attributes: Map<string, string>;
  #valid = true;
  #ending = false;
  readonly #container: SessionContainer;
  readonly #changes: SessionChanges;

  /** @param record the state (with the bare session id); @param storedId its id in the store, `undefined` for a new session */
  constructor(record: SessionRecord, storedId: string | undefined, container: SessionContainer) {
    this.#id = record.id;
    this.#creationTime = record.creationTime;
    this.#lastAccessedTime = record.lastAccessedTime;
    this.#maxInactiveInterval = record.maxInactiveInterval;
    this.#isNew = record.isNew;
    this.#attributes = new Map(record.attributes);
    this.#container = container;
    this.#changes = new SessionChanges(storedId);
  }

  /** The session id. Never throws, even after invalidation. */
  getId(): string {
    return this.#id;
  }

  /** Epoch ms when the session was created. */
  getCreationTime(): number {
    this.#checkValid('getCreationTime');
    return this.#creationTime;
  }

  /**
   * Epoch ms when the container received the previous request of this session; a new session
   * reports its creation time. Reading or writing attributes does not change it.
   */
  getLastAccessedTime(): number {
    this.#checkValid('getLastAccessedTime');
    return this.#lastAccessedTime;
  }

  /** Seconds of inactivity before the session expires; `<= 0` never expires. Never throws. */
  getMaxInactiveInterval(): number {
    return this.#maxInactiveInterval;
  }

  /** Sets the idle timeout in seconds (truncated to an integer); `<= 0` never expires. Never throws. */
  setMaxInactiveInterval(seconds: number): void {
    this.#maxInactiveInterval = Math.trunc(Number(seconds)) || 0;
    this.#changes.metadata = true;
  }

  /** True until the client has returned the session's id (by cookie or rewritten URL). */
  isNew(): boolean {
    this.#checkValid('isNew');
    return this.#isNew;
  }

  /** A copy of the attribute's value, or `null` when absent. */
  getAttribute(name: string): unknown {
    return this.#read('getAttribute', name);
  }

  /** The attribute names in insertion order, as a fresh array. */
  getAttributeNames(): string[] {
    this.#checkValid('getAttributeNames');
    return [...this.#attributes.keys()];
  }

  /**
   * Binds `value` under `name`, replacing any previous value. A `null` or `undefined` value is
   * `removeAttribute(name)`. Throws a `TypeError` for an empty name or a value that is not data.
   * Tomcat's order: a new `valueBound` value is told before it is visible, then a replaced
   * `valueUnbound` value is told, then the attribute listeners (added, or replaced with the old value).
   */
  setAttribute(name: string, value: unknown): void {
    this.#write('setAttribute', name, value);
  }

  /** Removes the attribute, telling a `valueUnbound` value, then the `attributeRemoved` listeners; no-op when absent. */
  removeAttribute(name: string): void {
    this.#checkValid('removeAttribute');
    this.#remove(name);
  }

  /**
   * Ends the session: `sessionDestroyed` listeners run while the attributes can still be read,
   * then every attribute is unbound and removed; the store entry goes when the request completes.
   */
  invalidate(): void {
    this.#checkValid('invalidate');
    this.#end();
  }

  /**
   * Gives the session a new id, keeping its attributes (a defence against session fixation), and
   * tells the `sessionIdChanged` listeners. The store and the cookie follow when the request completes.
   * @param newId an id made by `generateSessionId()`; default: a new one
   * @returns the new id
   */
  changeSessionId(newId: string = generateSessionId()): string {
    this.#checkValid('changeSessionId');
    if (!isWellFormedSessionId(newId)) throw new CodedError('ERR_INVALID_SESSION_ID', 'changeSessionId: malformed session id');
    const oldId = this.#id;
    this.#id = newId;
    this.#container.boundValues.rename(oldId, newId);
    this.#container.listeners.fire('sessionIdChanged', new HttpSessionEvent(this), oldId);
    return newId;
  }

  /** The application the session belongs to. Never throws. */
  getServletContext(): ServletContext {
    return this.#container.servletContext;
  }

  /** @deprecated Servlet 2.1: an empty context (`getSession` gives `null`, `getIds` `[]`). */
  getSessionContext(): HttpSessionContext {
    return emptySessionContext;
  }

  /** @deprecated Servlet 2.2: `getAttribute`. */
  getValue(name: string): unknown {
    return this.#read('getValue', name);
  }

  /** @deprecated Servlet 2.2: `getAttributeNames`. */
  getValueNames(): string[] {
    this.#checkValid('getValueNames');
    return [...this.#attributes.keys()];
  }

  /** @deprecated Servlet 2.2: `setAttribute`. */
  putValue(name: string, value: unknown): void {
    this.#write('putValue', name, value);
  }

  /** @deprecated Servlet 2.2: `removeAttribute`. */
  removeValue(name: string): void {
    this.#checkValid('removeValue');
    this.#remove(name);
  }

  // ---- container side: used by the manager and by facade/session-commit ----

  /** The attribute's JSON text, or `undefined`. */
  getAttributeJson(name: string): string | undefined {
    this.#checkValid('getAttribute');
    return this.#attributes.get(name);
  }

  /** Stores already-validated JSON text under `name` (a script's change), with the same notices as `setAttribute`. */
  setAttributeJson(name: string, json: string): void {
    this.#checkValid('setAttribute');
    this.#put(name, json, undefined);
  }

  /** Marks the session as accessed by a request that arrived at `time` and returned its id. */
  access(time: number): void {
    this.#lastAccessedTime = time;
    this.#isNew = false;
    this.#changes.metadata = true;
  }

  /** Ends an expired session as `invalidate()` does; no-op when it already ended. */
  expire(): void {
    if (this.#valid) this.#end();
  }

  /** False once the session was invalidated or expired. */
  isValid(): boolean {
    return this.#valid;
  }

  /** True while the session is not in the store yet (created during this request). */
  isCreated(): boolean {
    return this.#changes.storedId === undefined;
  }

  /** The id the session is stored under (differs from `getId()` after `changeSessionId`), or `undefined`. */
  getStoredId(): string | undefined {
    return this.#changes.storedId;
  }

  /** Records that the store now holds exactly this state. */
  markStored(): void {
    this.#changes.stored(this.#id);
  }

  /** The full serialized state. */
  toRecord(): SessionRecord {
    const metadata = { lastAccessedTime: this.#lastAccessedTime, maxInactiveInterval: this.#maxInactiveInterval, isNew: this.#isNew };
    return { id: this.#id, creationTime: this.#creationTime, ...metadata, attributes: [...this.#attributes] };
  }

  /** Only what changed since the session was loaded or stored, or `undefined` when nothing did. */
  toPatch(): SessionPatch | undefined {
    return this.#changes.toPatch(this.toRecord(), this.#attributes);
  }

  #read(method: string, name: string): unknown {
    this.#checkValid(method);
    const json = this.#attributes.get(name);
    return json === undefined ? null : JSON.parse(json);
  }

  #write(method: string, name: string, value: unknown): void {
    this.#checkValid(method);
    checkAttributeName(method, name);
    if (value === null || value === undefined) return this.#remove(name);
    const live = isBindingListener(value) ? value : undefined;
    this.#put(name, attributeToJson(name, live === undefined ? value : bindingListenerData(live)), live);
  }

  #put(name: string, json: string, live: object | undefined): void {
    const { listeners, boundValues } = this.#container;
    const oldJson = this.#attributes.get(name);
    const oldLive = boundValues.get(this.#id, name);
    if (live !== undefined && live !== oldLive) listeners.call(live, 'valueBound', [new HttpSessionBindingEvent(this, name, live)]);
    this.#attributes.set(name, json);
    this.#changes.attributes.add(name);
    if (live !== undefined) boundValues.set(this.#id, name, live);
    else boundValues.delete(this.#id, name);
    if (oldLive !== undefined && oldLive !== live) listeners.call(oldLive, 'valueUnbound', [new HttpSessionBindingEvent(this, name, oldLive)]);
    if (oldJson === undefined && listeners.has('attributeAdded')) {
      listeners.fire('attributeAdded', new HttpSessionBindingEvent(this, name, live ?? JSON.parse(json)));
    } else if (oldJson !== undefined && listeners.has('attributeReplaced')) {
      listeners.fire('attributeReplaced', new HttpSessionBindingEvent(this, name, oldLive ?? JSON.parse(oldJson)));
    }
  }

  #remove(name: string): void {
    const { listeners, boundValues } = this.#container;
    const oldJson = this.#attributes.get(name);
    if (oldJson === undefined) return;
    this.#attributes.delete(name);
    this.#changes.attributes.add(name);
    const oldLive = boundValues.delete(this.#id, name);
    if (oldLive !== undefined) listeners.call(oldLive, 'valueUnbound', [new HttpSessionBindingEvent(this, name, oldLive)]);
    if (listeners.has('attributeRemoved')) listeners.fire('attributeRemoved', new HttpSessionBindingEvent(this, name, oldLive ?? JSON.parse(oldJson)));
  }

  /** Tomcat's `expire()`: destroyed listeners first (attributes readable), then each attribute unbound and removed. */
  #end(): void {
    if (this.#ending) return;
    this.#ending = true;
    this.#container.listeners.fire('sessionDestroyed', new HttpSessionEvent(this));
    this.#valid = false;
    for (const name of [...this.#attributes.keys()]) this.#remove(name);
    for (const [name, live] of this.#container.boundValues.deleteSession(this.#id)) {
      this.#container.listeners.call(live, 'valueUnbound', [new HttpSessionBindingEvent(this, name, live)]);
    }
  }

  #checkValid(method: string): void {
    if (!this.#valid) throw new SessionInvalidatedError(method);
  }
}
