/**
 * Any express-session store (MemoryStore, connect-redis, connect-mongo …) as this runtime's
 * `SessionStore`. Callback-style and promise-style methods are both accepted. Each session is kept
 * as one express-session entry `{ cookie: { originalMaxAge, expires }, servlet: <record> }`, so the
 * store's own expiry (cookie expiry, TTL) applies.
 *
 * Weaker than this package's stores: `update` reads the whole session, patches it and writes it
 * back, so two concurrent requests may overwrite each other's attributes; `create` and `rename`
 * are not atomic; `destroy` says what it removed, and two rotations of one session at once leave
 * the forwarding of the one that won, only within one process. See docs/embedding.md.
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

/** The forwarding of a rotated session's old key, kept under `moved:<old key>` (`movedTo`). */
interface ForwardingEntry {
  cookie: { originalMaxAge: number; expires: string };
  movedTo?: string;
}

/**
 * What precedes a rotated session's old key in the key of its forwarding: no session key starts so,
 * as no application may be named `moved`.
 */
const FORWARDING_PREFIX = 'moved:';

/** How long (ms) a rotated session's old key forwards to its new one when the session never expires. */
const FORWARDING_WITHOUT_TTL_MS = 3_600_000;

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
  /** The rotations under way, by old id (`rename`). */
  readonly #renaming = new Map<string, Promise<boolean>>();
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
   * Not atomic: a copy under the new id, the forwarding of the old id to it (`movedTo`), then the
   * old one removed. The forwarding goes before the removal, so a request that finds the old id gone
   * finds where its session went. When `destroy` finds the old one gone by then (an invalidation or
   * an expiry of this process removed it, or another process), the copy and the forwarding are taken
   * back: a session never becomes two. The rotations of one session run one at a time in this
   * process, and one asked for while another is under way fails (`false`) after it, as it would
   * have found the old id gone: only the rotation that moved the session writes its forwarding.
   */
  rename(oldId: string, newId: string): Promise<boolean> {
    const underWay = this.#renaming.get(oldId);
    if (underWay !== undefined) return underWay.then(() => false);
    const renaming = this.#renameNow(oldId, newId).finally(() => this.#renaming.delete(oldId));
    this.#renaming.set(oldId, renaming);
    return renaming;
  }

  async #renameNow(oldId: string, newId: string): Promise<boolean> {
    const record = await this.get(oldId);
    if (record === undefined || (await this.get(newId)) !== undefined) return false;
    await this.#put({ ...record, id: newId });
    await this.#forward(oldId, newId, record.maxInactiveInterval);
    if (await this.destroy(oldId)) return true;
    await call(this.#store, 'destroy', [FORWARDING_PREFIX + oldId]);
    await this.destroy(newId);
    return false;
  }

  /**
   * The key `rename` moved the session of `id` to, while the forwarding lasts: the session's idle
   * timeout from the rotation (an hour for a session that never expires), in the store's own expiry.
   */
  async movedTo(id: string): Promise<string | undefined> {
    const entry = (await call(this.#store, 'get', [FORWARDING_PREFIX + id])) as ForwardingEntry | undefined | null;
    return typeof entry?.movedTo === 'string' ? entry.movedTo : undefined;
  }

  async #forward(oldId: string, newId: string, maxInactiveInterval: number): Promise<void> {
    const lifetime = maxInactiveInterval > 0 ? maxInactiveInterval * 1000 : FORWARDING_WITHOUT_TTL_MS;
    const entry: ForwardingEntry = {
      cookie: { originalMaxAge: lifetime, expires: new Date(Date.now() + lifetime).toISOString() },
      movedTo: newId,
    };
    await call(this.#store, 'set', [FORWARDING_PREFIX + oldId, entry]);
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
