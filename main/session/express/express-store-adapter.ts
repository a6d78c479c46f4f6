/**
 * Any express-session store (MemoryStore, connect-redis, connect-mongo …) as this runtime's
 * `SessionStore`. Callback-style and promise-style methods are both accepted. Each session is kept
 * as one express-session entry `{ cookie: { originalMaxAge, expires }, servlet: <record> }`, so the
 * store's own expiry (cookie expiry, TTL) applies.
 *
 * Weaker than this package's stores: `update` reads the whole session, patches it and writes it
 * back, so two concurrent requests may overwrite each other's attributes; `create` and `rename`
 * are not atomic; `destroy` says what it removed only within one process. See docs/embedding.md.
 */
import { InvalidOptionError } from '../../../common/errors.js';
import { applyPatch, isExpired, type SessionPatch, type SessionRecord } from '../../../common/record.js';
import type { SessionStore } from '../store.js';

type Callback = (error?: unknown, value?: unknown) => void;
type StoreMethod = (...args: unknown[]) => unknown;

/** The express-session store contract: `get`, `set` and `destroy` are required; `length` and `all` are optional. */
export interface ExpressSessionStore {
  get(sid: string, callback: Callback): unknown;
  set(sid: string, session: object, callback?: Callback): unknown;
  destroy(sid: string, callback?: Callback): unknown;
  length?(callback: Callback): unknown;
  all?(callback: Callback): unknown;
}

/** What express-session keeps per session when this adapter writes it. */
interface StoredEntry {
  cookie: { originalMaxAge: number | null; expires: string | null };
  servlet?: SessionRecord;
}

const OWN_CONTRACT = ['get', 'create', 'update', 'destroy'] as const;
const EXPRESS_CONTRACT = ['get', 'set', 'destroy'] as const;

function missing(store: object, methods: readonly string[]): string[] {
  return methods.filter((name) => typeof (store as Record<string, unknown>)[name] !== 'function');
}

/**
 * `store` as a `SessionStore`: as it is when it fits this package's contract, wrapped when it fits
 * express-session's. Otherwise throws `ERR_INVALID_OPTION` naming what is missing for each contract.
 */
export function toSessionStore(store: unknown): SessionStore {
  if (store === null || typeof store !== 'object')
    throw new InvalidOptionError('store', 'must be a SessionStore or an express-session store');
  const ownMissing = missing(store, OWN_CONTRACT);
  if (ownMissing.length === 0) return store as SessionStore;
  const expressMissing = missing(store, EXPRESS_CONTRACT);
  if (expressMissing.length === 0) return new ExpressStoreAdapter(store as ExpressSessionStore);
  throw new InvalidOptionError(
    'store',
    `fits no store contract: a SessionStore lacks ${ownMissing.join(', ')}; an express-session store lacks ${expressMissing.join(', ')}`,
  );
}

/** Calls a store method that takes a callback and may return a promise instead; settles once. */
function call(store: object, name: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done: Callback = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(value);
    };
    try {
      const returned = ((store as Record<string, StoreMethod>)[name] as StoreMethod).call(store, ...args, done);
      if (returned !== null && typeof (returned as Promise<unknown>)?.then === 'function')
        (returned as Promise<unknown>).then(
          (value) => done(undefined, value),
          (error: unknown) => done(error ?? new Error(`${name} rejected`)),
        );
    } catch (error) {
      done(error);
    }
  });
}

export class ExpressStoreAdapter implements SessionStore {
  readonly distributed = true;
  readonly #store: ExpressSessionStore;
  /** The destroys under way, by id (`destroy`). */
  readonly #destroying = new Map<string, Promise<boolean>>();
  /** Every entry of the store (the prefix is ignored), present only when the store has `length`. */
  readonly count?: () => Promise<number>;

  constructor(store: ExpressSessionStore) {
    this.#store = store;
    if (typeof store.length === 'function') this.count = async () => Number(await call(store, 'length', []));
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const entry = (await call(this.#store, 'get', [id])) as StoredEntry | undefined | null;
    return entry?.servlet === undefined ? undefined : { ...entry.servlet, id };
  }

  /** Not atomic: a `get` then a `set`. */
  async create(record: SessionRecord): Promise<boolean> {
    if ((await this.get(record.id)) !== undefined) return false;
    await this.#put(record);
    return true;
  }

  /** Whole-session write: concurrent updates of one session may overwrite each other's attributes. */
  async update(id: string, patch: SessionPatch): Promise<boolean> {
    const record = await this.get(id);
    if (record === undefined) return false;
    await this.#put(applyPatch(record, patch));
    return true;
  }

  /**
   * Resolves `true` when this call removed the session and `false` when there was none, so that
   * of the lookups, sweeps and invalidations of this process that end one session at once only one
   * tells its listeners: the destroys of one id run one at a time here, and one asked for while
   * another is under way joins it (`false`). An express-session store does not say what its
   * `destroy` removed, so this call reads the session first; two processes on one such store may
   * still both see it and both tell (docs/embedding.md).
   */
  destroy(id: string): Promise<boolean> {
    const underWay = this.#destroying.get(id);
    if (underWay !== undefined) return underWay.then(() => false);
    const destroying = this.#destroyRead(id).finally(() => this.#destroying.delete(id));
    this.#destroying.set(id, destroying);
    return destroying;
  }

  async #destroyRead(id: string): Promise<boolean> {
    const present = (await this.get(id)) !== undefined;
    await call(this.#store, 'destroy', [id]);
    return present;
  }

  /**
   * Not atomic: a copy under the new id, then the old one removed; when `destroy` finds the old one
   * gone by then (another rotation or an invalidation of this process removed it), the copy is
   * taken back: a session never becomes two.
   */
  async rename(oldId: string, newId: string): Promise<boolean> {
    const record = await this.get(oldId);
    if (record === undefined || (await this.get(newId)) !== undefined) return false;
    await this.#put({ ...record, id: newId });
    if (await this.destroy(oldId)) return true;
    await this.destroy(newId);
    return false;
  }

  /**
   * With the store's optional `all`, the ids of expired sessions (for the sweep, which tells their
   * listeners); without it none: the store then expires entries itself (cookie expiry, TTL).
   */
  async expiredIds(now: number, absoluteTimeout = 0): Promise<string[]> {
    if (typeof this.#store.all !== 'function') return [];
    const all = (await call(this.#store, 'all', [])) as StoredEntry[] | Record<string, StoredEntry> | null;
    const entries = Array.isArray(all) ? all : Object.values(all ?? {});
    return entries
      .map((entry) => entry?.servlet)
      .filter((record): record is SessionRecord => record !== undefined && isExpired(record, now, absoluteTimeout))
      .map((record) => record.id);
  }

  /**
   * The entry's expiry is its idle timeout counted from now (the write follows the request's
   * access), in real time, as the store's own TTL; the manager still checks expiry on every lookup
   * with its clock, the absolute timeout included.
   */
  async #put(record: SessionRecord): Promise<void> {
    const maxAge = record.maxInactiveInterval > 0 ? record.maxInactiveInterval * 1000 : null;
    const entry: StoredEntry = {
      cookie: {
        originalMaxAge: maxAge,
        expires: maxAge === null ? null : new Date(Date.now() + maxAge).toISOString(),
      },
      servlet: record,
    };
    await call(this.#store, 'set', [record.id, entry]);
  }
}
