/**
 * Attribute values set from the host that implement `valueBound` / `valueUnbound`
 * (`javax.servlet.http.HttpSessionBindingListener`) or `sessionWillPassivate` / `sessionDidActivate`
 * (`HttpSessionActivationListener`): live values.
 *
 * The store keeps only data, so such a value is stored as what `JSON.stringify` keeps of it (its
 * `toJSON()` result, or its own enumerable properties that are not functions). The live object
 * stays in this registry, in the process that bound it, so it can be told when it leaves the
 * session: by removal, replacement, invalidation or expiry made through this process's manager, or
 * found by it after another process removed the session; and around the writes and reads of a
 * distributed store.
 */
import type { HttpSessionBindingEvent, HttpSessionEvent } from './listeners.js';

/** A value that wants to know when it is bound to and unbound from a session. */
export interface HttpSessionBindingListener {
  /** Called before the value becomes visible in the session. */
  valueBound?(event: HttpSessionBindingEvent): unknown;
  /** Called after the value left the session (removed, replaced, invalidated or expired). */
  valueUnbound?(event: HttpSessionBindingEvent): unknown;
}

/** A value that wants to know when its session is written to and read from a distributed store. */
export interface HttpSessionActivationListener {
  /** Called before the session is written to a distributed store. */
  sessionWillPassivate?(event: HttpSessionEvent): unknown;
  /** Called after the session was read from a distributed store. */
  sessionDidActivate?(event: HttpSessionEvent): unknown;
}

const LIVE_METHODS = ['valueBound', 'valueUnbound', 'sessionWillPassivate', 'sessionDidActivate'] as const;

/**
 * True for a live value: an object with a `valueBound`, `valueUnbound`, `sessionWillPassivate` or
 * `sessionDidActivate` method.
 */
export function isBindingListener(
  value: unknown,
): value is (HttpSessionBindingListener | HttpSessionActivationListener) & object {
  if (typeof value !== 'object' || value === null) return false;
  return LIVE_METHODS.some((method) => typeof (value as Record<string, unknown>)[method] === 'function');
}

/** The data a binding listener is stored as: `toJSON()`, or its own non-function properties. */
export function bindingListenerData(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return Reflect.apply(toJSON, value, []);
  return Object.fromEntries(Object.entries(value).filter(([, property]) => typeof property !== 'function'));
}

/** The live binding listeners, by session id and attribute name. */
export class BoundValues {
  readonly #bySession = new Map<string, Map<string, object>>();

  /** The live value bound under `name`, if any. */
  get(id: string, name: string): object | undefined {
    return this.#bySession.get(id)?.get(name);
  }

  /** Remembers the live value bound under `name`. */
  set(id: string, name: string, value: object): void {
    let names = this.#bySession.get(id);
    if (names === undefined) {
      names = new Map();
      this.#bySession.set(id, names);
    }
    names.set(name, value);
  }

  /** Forgets and returns the live value bound under `name`. */
  delete(id: string, name: string): object | undefined {
    const names = this.#bySession.get(id);
    const value = names?.get(name);
    names?.delete(name);
    if (names?.size === 0) this.#bySession.delete(id);
    return value;
  }

  /** Forgets and returns every live value of a session, `[name, value]`. */
  deleteSession(id: string): Array<[string, object]> {
    const names = this.#bySession.get(id);
    this.#bySession.delete(id);
    return names === undefined ? [] : [...names];
  }

  /** The live values of a session (for passivation notices). */
  values(id: string): object[] {
    return [...(this.#bySession.get(id)?.values() ?? [])];
  }

  /** Moves a session's live values to its new id. */
  rename(oldId: string, newId: string): void {
    const names = this.#bySession.get(oldId);
    if (names === undefined) return;
    this.#bySession.delete(oldId);
    this.#bySession.set(newId, names);
  }

  /**
   * Moves the live values of `oldId` to `newId`, where another request's rotation moved the session
   * before this one's changes (`HttpSession.followMove`). `written` holds the attributes this
   * request wrote or removed, each with its own live value (or none): that one stays, and any other
   * live value of that name, under either id, leaves. For the others, values the new id already
   * holds win. Forgets and returns the values that left the session, `[name, value]`.
   */
  follow(oldId: string, newId: string, written: ReadonlyMap<string, object | undefined>): Array<[string, object]> {
    const moving = this.#bySession.get(oldId);
    this.#bySession.delete(oldId);
    const names = this.#bySession.get(newId) ?? new Map<string, object>();
    const left: Array<[string, object]> = [];
    for (const [name, own] of written) {
      for (const other of new Set([names.get(name), moving?.get(name)]))
        if (other !== undefined && other !== own) left.push([name, other]);
      if (own === undefined) names.delete(name);
      else names.set(name, own);
    }
    for (const [name, value] of moving ?? []) {
      if (written.has(name)) continue;
      const held = names.get(name);
      if (held === undefined) names.set(name, value);
      else if (held !== value) left.push([name, value]);
    }
    if (names.size > 0) this.#bySession.set(newId, names);
    else this.#bySession.delete(newId);
    return left;
  }

  /** Ids of sessions that hold live values. */
  sessionIds(): string[] {
    return [...this.#bySession.keys()];
  }
}
