/**
 * The host-side session object, following `javax.servlet.http.HttpSession`.
 *
 * It holds one request's view of a stored session and records what the request changed, so the
 * manager can write back exactly that (two requests changing different attributes both survive).
 * Attribute values are kept as JSON text; `getAttribute` returns a fresh copy.
 */
import { attributeToJson, checkAttributeName } from './attribute-value.js';
import { SessionInvalidatedError } from './errors.js';
import type { SessionPatch, SessionRecord } from './record.js';

export class HttpSession {
  #id: string;
  readonly #creationTime: number;
  #lastAccessedTime: number;
  #maxInactiveInterval: number;
  #isNew: boolean;
  readonly #attributes: Map<string, string>;
  #valid = true;
  /** True when the session is not in the store yet (created during this request). */
  readonly #created: boolean;
  readonly #changedAttributes = new Set<string>();
  #metadataChanged = false;

  /** @param record the stored state; @param created true for a session made during this request */
  constructor(record: SessionRecord, created: boolean) {
    this.#id = record.id;
    this.#creationTime = record.creationTime;
    this.#lastAccessedTime = record.lastAccessedTime;
    this.#maxInactiveInterval = record.maxInactiveInterval;
    this.#isNew = record.isNew;
    this.#attributes = new Map(record.attributes);
    this.#created = created;
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
    this.#metadataChanged = true;
  }

  /** True until the client has returned the session's cookie. */
  isNew(): boolean {
    this.#checkValid('isNew');
    return this.#isNew;
  }

  /** A copy of the attribute's value, or `null` when absent. */
  getAttribute(name: string): unknown {
    this.#checkValid('getAttribute');
    const json = this.#attributes.get(name);
    return json === undefined ? null : JSON.parse(json);
  }

  /** The attribute names in insertion order, as a fresh array. */
  getAttributeNames(): string[] {
    this.#checkValid('getAttributeNames');
    return [...this.#attributes.keys()];
  }

  /**
   * Binds `value` under `name`, replacing any previous value. A `null` or `undefined` value is
   * `removeAttribute(name)`. Throws a `TypeError` for an empty name or a value that is not data.
   */
  setAttribute(name: string, value: unknown): void {
    this.#checkValid('setAttribute');
    checkAttributeName('setAttribute', name);
    if (value === null || value === undefined) {
      this.removeAttribute(name);
      return;
    }
    this.setAttributeJson(name, attributeToJson(name, value));
  }

  /** Removes the attribute; no-op when absent. */
  removeAttribute(name: string): void {
    this.#checkValid('removeAttribute');
    if (this.#attributes.delete(name)) this.#changedAttributes.add(name);
  }

  /** Ends the session: it is removed from the store when the request completes. */
  invalidate(): void {
    this.#checkValid('invalidate');
    this.#valid = false;
  }

  /** The attribute's JSON text, or `undefined` (for the sandbox snapshot). */
  getAttributeJson(name: string): string | undefined {
    this.#checkValid('getAttribute');
    return this.#attributes.get(name);
  }

  /** Stores already-validated JSON text under `name` (used when applying a script's changes). */
  setAttributeJson(name: string, json: string): void {
    this.#checkValid('setAttribute');
    this.#attributes.set(name, json);
    this.#changedAttributes.add(name);
  }

  /** Marks the session as accessed by a request that arrived at `time` with its cookie. */
  access(time: number): void {
    this.#lastAccessedTime = time;
    this.#isNew = false;
    this.#metadataChanged = true;
  }

  /** False once `invalidate()` was called. */
  isValid(): boolean {
    return this.#valid;
  }

  /** True when the session was created during this request and is not stored yet. */
  isCreated(): boolean {
    return this.#created;
  }

  /** The full serialized state. */
  toRecord(): SessionRecord {
    return {
      id: this.#id,
      creationTime: this.#creationTime,
      lastAccessedTime: this.#lastAccessedTime,
      maxInactiveInterval: this.#maxInactiveInterval,
      isNew: this.#isNew,
      attributes: [...this.#attributes],
    };
  }

  /** Only what this request changed, or `undefined` when nothing did. */
  toPatch(): SessionPatch | undefined {
    if (!this.#metadataChanged && this.#changedAttributes.size === 0) return undefined;
    const patch: SessionPatch = { set: [], removed: [] };
    if (this.#metadataChanged) {
      patch.lastAccessedTime = this.#lastAccessedTime;
      patch.maxInactiveInterval = this.#maxInactiveInterval;
      patch.isNew = this.#isNew;
    }
    for (const name of this.#changedAttributes) {
      const json = this.#attributes.get(name);
      if (json === undefined) patch.removed.push(name);
      else patch.set.push([name, json]);
    }
    return patch;
  }

  #checkValid(method: string): void {
    if (!this.#valid) throw new SessionInvalidatedError(method);
  }
}
