/**
 * The host-side session object: the whole `javax.servlet.http.HttpSession` interface, deprecated
 * methods included, with the container's duties (listeners, binding notices, id rotation).
 *
 * It holds one request's view of a stored session and records what the request changed (see
 * `SessionState`), so the manager writes back exactly that. Attribute values are kept as JSON
 * text; `getAttribute` returns a fresh copy. Sessions are made by a `SessionManager`.
 */
import {
  endRemovedElsewhere,
  endWithNotices,
  removeAttributeWithNotices,
  setAttributeWithNotices,
} from './attribute-notices.js';
import { attributeToJson, checkAttributeName } from '../../common/attribute-value.js';
import { type BoundValues, bindingListenerData, isBindingListener } from './bound-values.js';
import { InvalidSessionIdError, SessionInvalidatedError } from '../../common/errors.js';
import { intervalSeconds } from '../../common/interval-seconds.js';
import { generateSessionId, isWellFormedSessionId } from '../../common/ids.js';
import { HttpSessionBindingEvent, HttpSessionEvent, type SessionListeners } from './listeners.js';
import type { SessionPatch, SessionRecord } from '../../common/record.js';
import { emptySessionContext, type HttpSessionContext, type ServletContext } from './servlet-context.js';
import { SessionState } from './session-state.js';

/** What a session needs from the manager that made it. */
export interface SessionContainer {
  readonly servletContext: ServletContext;
  readonly listeners: SessionListeners;
  readonly boundValues: BoundValues;
}

export class HttpSession {
  readonly #state: SessionState;
  readonly #container: SessionContainer;
  #valid = true;
  #ending = false;
  /**
   * The live values this object set since the session was loaded or stored, by attribute name: a
   * commit that follows another request's rotation (`followMove`) keeps these, whatever a rotation of
   * this process moved to the new id meanwhile.
   */
  readonly #liveWritten = new Map<string, object>();

  /** True when the store had this session as new and its client has just joined it (`join`). */
  #joinedNow = false;

  /** @param record the state (with the bare session id); @param storedId its id in the store, `undefined` for a new session */
  constructor(record: SessionRecord, storedId: string | undefined, container: SessionContainer) {
    this.#state = new SessionState(record, storedId);
    this.#container = container;
  }

  /** The session id. Never throws, even after invalidation. */
  getId(): string {
    return this.#state.id;
  }

  /** Epoch ms when the session was created. */
  getCreationTime(): number {
    this.#checkValid('getCreationTime');
    return this.#state.creationTime;
  }

  /**
   * Epoch ms when the container received the previous request of this session; a new session
   * reports its creation time. Reading or writing attributes does not change it.
   */
  getLastAccessedTime(): number {
    this.#checkValid('getLastAccessedTime');
    return this.#state.lastAccessedTime;
  }

  /** Seconds of inactivity before the session expires; `<= 0` never expires. Never throws. */
  getMaxInactiveInterval(): number {
    return this.#state.maxInactiveInterval;
  }

  /**
   * Sets the idle timeout in seconds (truncated to an integer, at most 2147483647, Java's `int`);
   * `<= 0` never expires. Works after invalidation; a value that is not a number throws a
   * `TypeError` coded `ERR_INVALID_ATTRIBUTE` (it never silently means "never expires").
   */
  setMaxInactiveInterval(seconds: number): void {
    const interval = intervalSeconds('setMaxInactiveInterval', seconds);
    if (interval === this.#state.maxInactiveInterval) return;
    this.#state.maxInactiveInterval = interval;
    this.#state.metadataChanged('maxInactiveInterval');
  }

  /** True until the client has returned the session's id (by cookie or rewritten URL). */
  isNew(): boolean {
    this.#checkValid('isNew');
    return this.#state.isNew;
  }

  /** A copy of the attribute's value, or `null` when absent. */
  getAttribute(name: string): unknown {
    return this.#read('getAttribute', name);
  }

  /** The attribute names in insertion order, as a fresh array. */
  getAttributeNames(): string[] {
    return this.#names('getAttributeNames');
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
    this.#remove('removeAttribute', name);
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
    if (!isWellFormedSessionId(newId)) throw new InvalidSessionIdError('changeSessionId', 'malformed');
    const oldId = this.#state.id;
    this.#state.id = newId;
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
    return this.#names('getValueNames');
  }

  /** @deprecated Servlet 2.2: `setAttribute`. */
  putValue(name: string, value: unknown): void {
    this.#write('putValue', name, value);
  }

  /** @deprecated Servlet 2.2: `removeAttribute`. */
  removeValue(name: string): void {
    this.#remove('removeValue', name);
  }

  // ---- container side: used by the manager and by main/session/session-commit ----

  /** Stores already-validated JSON text under `name` (a script's change), with the same notices as `setAttribute`. */
  setAttributeJson(name: string, json: string): void {
    this.#checkValid('setAttribute');
    setAttributeWithNotices(this, this.#state, this.#container, name, json, undefined);
    this.#liveWritten.delete(name);
  }

  /**
   * Servlet rule: the client returned the session's id, so it has joined the session, which is no
   * longer new. The store learns it when a request accesses the session (`access`), and only when
   * it still had the session as new: a returning request writes no `isNew` the store already has.
   */
  join(): void {
    if (!this.#state.isNew) return;
    this.#state.isNew = false;
    this.#joinedNow = true;
  }

  /** Marks the session as accessed by a request that arrived at `time` and returned its id. */
  access(time: number): void {
    this.#state.lastAccessedTime = time;
    this.#state.metadataChanged('lastAccessedTime');
    if (this.#joinedNow) this.#state.metadataChanged('isNew');
  }

  /** Ends an expired session as `invalidate()` does; no-op when it already ended. */
  expire(): void {
    if (this.#valid) this.#end();
  }

  /**
   * Ends the session without telling its listeners, because another call removed it from the store
   * first and told them: only the live values this process bound to it are unbound. No-op when it
   * already ended.
   */
  endRemovedElsewhere(): void {
    if (this.#ending) return;
    this.#ending = true;
    endRemovedElsewhere(this, this.#state, this.#container, () => {
      this.#valid = false;
    });
  }

  /**
   * Takes the id another request's `changeSessionId()` moved the stored session to meanwhile (it
   * committed first): the manager applied this session's changes there. No `sessionIdChanged` (the
   * rotation told it). The live values this process bound under the old id follow; for an attribute
   * this session wrote or removed (`written`) its own live value (or none) stays, any other one under
   * either id leaving (`valueUnbound`), as does one of the old id whose attribute the new id holds
   * and this session did not write.
   */
  followMove(newId: string, written: Iterable<string>): void {
    const oldId = this.#state.id;
    this.#state.id = newId;
    const own = new Map<string, object | undefined>();
    for (const name of written) own.set(name, this.#liveWritten.get(name));
    for (const [name, live] of this.#container.boundValues.follow(oldId, newId, own))
      this.#container.listeners.call(live, 'valueUnbound', [new HttpSessionBindingEvent(this, name, live)]);
  }

  /** False once the session was invalidated or expired. */
  isValid(): boolean {
    return this.#valid;
  }

  /** True while the session is not in the store yet (created during this request). */
  isCreated(): boolean {
    return this.#state.storedId === undefined;
  }

  /** The id the session is stored under (differs from `getId()` after `changeSessionId`), or `undefined`. */
  getStoredId(): string | undefined {
    return this.#state.storedId;
  }

  /** The principal the store recorded for the session when it was loaded or last recorded, if any (operators' index). */
  getStoredPrincipal(): string | undefined {
    return this.#state.storedPrincipal;
  }

  /** Records that the store's index now holds `principal` for the session (`undefined`: none). */
  markPrincipalStored(principal: string | undefined): void {
    this.#state.storedPrincipal = principal;
  }

  /** Records that the store now holds exactly this state. */
  markStored(): void {
    this.#state.stored();
    this.#liveWritten.clear();
  }

  /** The full serialized state. */
  toRecord(): SessionRecord {
    return this.#state.toRecord();
  }

  /** Only what changed since the session was loaded or stored, or `undefined` when nothing did. */
  toPatch(): SessionPatch | undefined {
    return this.#state.toPatch();
  }

  #read(method: string, name: string): unknown {
    this.#checkValid(method);
    const json = this.#state.attributes.get(name);
    return json === undefined ? null : JSON.parse(json);
  }

  #names(method: string): string[] {
    this.#checkValid(method);
    return [...this.#state.attributes.keys()];
  }

  #write(method: string, name: string, value: unknown): void {
    this.#checkValid(method);
    checkAttributeName(method, name);
    if (value === null || value === undefined) {
      this.#remove(method, name);
      return;
    }
    const live = isBindingListener(value) ? value : undefined;
    const json = attributeToJson(name, live === undefined ? value : bindingListenerData(live));
    setAttributeWithNotices(this, this.#state, this.#container, name, json, live);
    if (live === undefined) this.#liveWritten.delete(name);
    else this.#liveWritten.set(name, live);
  }

  #remove(method: string, name: string): void {
    this.#checkValid(method);
    this.#liveWritten.delete(name);
    removeAttributeWithNotices(this, this.#state, this.#container, name);
  }

  /** Tomcat's `expire()`: once only, even when a destroyed listener calls `invalidate()`. */
  #end(): void {
    if (this.#ending) return;
    this.#ending = true;
    endWithNotices(this, this.#state, this.#container, () => {
      this.#valid = false;
    });
  }

  #checkValid(method: string): void {
    if (!this.#valid) throw new SessionInvalidatedError(method);
  }
}
