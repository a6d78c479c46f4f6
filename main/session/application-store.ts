/**
 * One application's view of a session store: it speaks in bare session ids and keeps them under
 * `<application name>:<session id>`, so applications sharing a store never see each other's
 * sessions; it fills in for the store's optional methods; and a store failure that is not a coded
 * error becomes `ERR_STORE_UNAVAILABLE`.
 *
 * It is the one place where ids become store keys and back: above it (manager, sessions, the
 * sandbox) a `SessionRecord.id` is always the bare session id; below it, in a `SessionStore`,
 * everything is named by its key.
 */
import { CodedError, StoreUnavailableError } from '../../common/errors.js';
import type { SessionPatch, SessionRecord } from '../../common/record.js';
import { andThen, type MaybePromise } from '../../common/maybe-promise.js';
import { MemoryStore } from './memory-store.js';
import type { SessionStore } from './store.js';

export class ApplicationStore {
  readonly store: SessionStore;
  readonly #keyPrefix: string;
  /** The store when it is the memory store, read and updated at once; `undefined` for any other. */
  readonly #memory: MemoryStore | undefined;

  constructor(store: SessionStore, applicationName: string) {
    this.store = store;
    this.#keyPrefix = `${applicationName}:`;
    this.#memory = answersAtOnce(store) ? store : undefined;
  }

  /** The key the store keeps session `id` under: `<application name>:<id>`. */
  key(id: string): string {
    return this.#keyPrefix + id;
  }

  /**
   * The stored session, its record's `id` being the bare session id, or `undefined`; at once from
   * the memory store.
   */
  get(id: string): MaybePromise<SessionRecord | undefined> {
    const key = this.key(id);
    const memory = this.#memory;
    const record = memory === undefined ? call(() => this.store.get(key)) : memory.getNow(key);
    return andThen(record, (found) => (found === undefined ? undefined : { ...found, id }));
  }

  /** Stores a new session (`record.id` being its bare id); `false` when the id is taken. At once on the memory store. */
  create(record: SessionRecord): MaybePromise<boolean> {
    const stored = { ...record, id: this.key(record.id) };
    const memory = this.#memory;
    return memory === undefined ? call(() => this.store.create(stored)) : memory.createNow(stored);
  }

  /** Applies `patch`; `false` when the session is gone. At once on the memory store. */
  update(id: string, patch: SessionPatch): MaybePromise<boolean> {
    const key = this.key(id);
    const memory = this.#memory;
    return memory === undefined ? call(() => this.store.update(key, patch)) : memory.updateNow(key, patch);
  }

  /**
   * Removes the session: `true` when this call removed it, `false` when it was gone, `undefined`
   * when the store does not say (see `SessionStore.destroy`).
   */
  async destroy(id: string): Promise<boolean | undefined> {
    const removed = await call(() => this.store.destroy(this.key(id)));
    return typeof removed === 'boolean' ? removed : undefined;
  }

  /**
   * Moves a stored session to its new id (by `rename`, or by copying when the store has none: the
   * copy is taken back when the store's `destroy` says the old one was gone by then).
   */
  async rename(oldId: string, newId: string): Promise<boolean> {
    const [oldKey, newKey] = [this.key(oldId), this.key(newId)];
    const rename = this.store.rename;
    if (rename !== undefined) return call(() => rename.call(this.store, oldKey, newKey));
    const record = await call(() => this.store.get(oldKey));
    if (record === undefined || !(await call(() => this.store.create({ ...record, id: newKey })))) return false;
    // When the store says another call removed the old key first (a rotation, an invalidation),
    // the copy is taken back: a session never becomes two.
    if ((await call(() => this.store.destroy(oldKey))) !== false) return true;
    await call(() => this.store.destroy(newKey));
    return false;
  }

  /** The bare id a rotation moved session `id` to, while the store keeps that forwarding (`SessionStore.movedTo`). */
  async movedTo(id: string): Promise<string | undefined> {
    const movedTo = this.store.movedTo;
    if (movedTo === undefined) return undefined;
    const key = await call(() => movedTo.call(this.store, this.key(id)));
    return key?.startsWith(this.#keyPrefix) ? key.slice(this.#keyPrefix.length) : undefined;
  }

  /** How many sessions of this application are stored, or `undefined` when the store cannot count. */
  async count(): Promise<number | undefined> {
    const count = this.store.count;
    return count === undefined ? undefined : call(() => count.call(this.store, this.#keyPrefix));
  }

  /** Records the principal of session `id` (false when it is gone, or the store keeps no index). */
  async setPrincipal(id: string, principal: string | undefined, previous: string | undefined): Promise<boolean> {
    const set = this.store.setPrincipal;
    return set === undefined ? false : call(() => set.call(this.store, this.key(id), principal, previous));
  }

  /** Bare ids of this application's existing sessions owned by `principal`, or `undefined` when the store keeps no index. */
  async findByPrincipal(principal: string): Promise<string[] | undefined> {
    const find = this.store.findByPrincipal;
    if (find === undefined) return undefined;
    const keys = await call(() => find.call(this.store, this.#keyPrefix, principal));
    return keys.map((key) => key.slice(this.#keyPrefix.length));
  }

  /** A page of this application's sessions (records with bare ids), or `undefined` when the store cannot list. */
  async list(cursor: string, limit: number): Promise<{ records: SessionRecord[]; cursor: string } | undefined> {
    const list = this.store.list;
    if (list === undefined) return undefined;
    const page = await call(() => list.call(this.store, this.#keyPrefix, cursor, limit));
    const records = page.records.map((record) => ({ ...record, id: record.id.slice(this.#keyPrefix.length) }));
    return { records, cursor: page.cursor };
  }

  /** Bare ids of this application's sessions the store reports expired at `now` (none when it cannot tell). */
  async expiredIds(now: number, absoluteTimeout: number): Promise<string[]> {
    const expiredIds = this.store.expiredIds;
    if (expiredIds === undefined) return [];
    const keys = await call(() => expiredIds.call(this.store, now, absoluteTimeout));
    return keys.filter((key) => key.startsWith(this.#keyPrefix)).map((key) => key.slice(this.#keyPrefix.length));
  }
}

/**
 * True for the memory store as this package defines it: its `getNow`, `createNow` and `updateNow`
 * then do what its `get`, `create` and `update` do. A subclass that overrides one of those (to log,
 * to count) is used through them, like any other store.
 */
function answersAtOnce(store: SessionStore): store is MemoryStore {
  const own = MemoryStore.prototype;
  return (
    store instanceof MemoryStore && store.get === own.get && store.create === own.create && store.update === own.update
  );
}

/** Runs a store call; a failure that is not a coded error becomes `ERR_STORE_UNAVAILABLE`. */
async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof CodedError) throw error;
    throw new StoreUnavailableError(error instanceof Error ? error.message : String(error));
  }
}
