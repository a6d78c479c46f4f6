/**
 * In-memory session store for a single process. It behaves like a remote store: it keeps
 * serialized data rather than live objects (compactly: memory-entry.ts) and answers asynchronously,
 * like any store; the manager alone uses it at once (`getNow`, `createNow`, `updateNow`). Expired sessions are
 * reported to the manager's sweep through `expiredIds`. It is not `distributed`. Its principal
 * index (for operators) changes with its entries, so it never lists a session that is gone; so do
 * its forwardings from a rotated session's old keys (`movedTo`).
 */
import { isExpired, type SessionPatch, type SessionRecord } from '../../common/record.js';
import { MemoryEntry } from './memory-entry.js';
import { MemoryListCursors } from './memory-list-cursor.js';
import type { SessionStore } from './store.js';

/** The index key of `principal` among the sessions of the application of store id `id`. */
function indexKey(id: string, principal: string): string {
  return `${id.slice(0, id.indexOf(':') + 1)}\0${principal}`;
}

/**
 * How many old keys of one session `movedTo` keeps (its latest rotations): a request that loaded the
 * session under an older one, while it rotated this many times more, ends nothing by invalidating it.
 */
const FORWARDINGS_KEPT = 8;

export class MemoryStore implements SessionStore {
  readonly distributed = false;
  readonly #entries = new Map<string, MemoryEntry>();
  /** Sessions per application prefix (`<name>:`), so the cap check does not walk every entry. */
  readonly #perApplication = new Map<string, number>();
  /** Store ids by application and principal (`indexKey`). */
  readonly #byPrincipal = new Map<string, Set<string>>();
  /** Seals and opens the cursors of `list`. */
  readonly #cursors = new MemoryListCursors();
  /** Where `rename` moved each old key (`movedTo`), kept while the session lives under its new key. */
  readonly #movedTo = new Map<string, string>();
  /** The old keys forwarded to each key, the latest `FORWARDINGS_KEPT`. */
  readonly #movedFrom = new Map<string, string[]>();

  async get(id: string): Promise<SessionRecord | undefined> {
    return this.getNow(id);
  }

  /** `get` at once: the manager reads this store without a promise (maybe-promise.ts). */
  getNow(id: string): SessionRecord | undefined {
    return this.#entries.get(id)?.toRecord(id);
  }

  async create(record: SessionRecord): Promise<boolean> {
    return this.createNow(record);
  }

  /** `create` at once, as `getNow`. */
  createNow(record: SessionRecord): boolean {
    if (this.#entries.has(record.id)) return false;
    this.#put(record);
    return true;
  }

  async update(id: string, patch: SessionPatch): Promise<boolean> {
    return this.updateNow(id, patch);
  }

  /** `update` at once, as `getNow`. */
  updateNow(id: string, patch: SessionPatch): boolean {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    this.#entries.set(id, entry.patched(id, patch));
    return true;
  }

  /** Resolves `true` when it removed the session, `false` when there was none. */
  async destroy(id: string): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    this.#forgetForwardings(id);
    this.#index(id, entry.principal, undefined);
    this.#entries.delete(id);
    this.#countApplication(id, -1);
    return true;
  }

  async setPrincipal(id: string, principal: string | undefined): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    const record = entry.toRecord(id);
    if (principal === undefined) delete record.principal;
    else record.principal = principal;
    this.#put(record);
    return true;
  }

  async findByPrincipal(prefix: string, principal: string): Promise<string[]> {
    const ids = this.#byPrincipal.get(indexKey(prefix, principal)) ?? new Set();
    return [...ids].filter((id) => id.startsWith(prefix) && this.#entries.has(id));
  }

  /** A page in key order; the cursor names the page's last key sealed, never in clear (it holds a session id). */
  async list(prefix: string, cursor: string, limit: number): Promise<{ records: SessionRecord[]; cursor: string }> {
    const after = cursor === '' ? undefined : this.#cursors.open(cursor);
    const ids = [...this.#entries.keys()].filter((id) => id.startsWith(prefix)).sort();
    const start = after === undefined ? 0 : ids.findIndex((id) => id > after);
    const page = start < 0 ? [] : ids.slice(start, start + limit);
    const records = page.flatMap((id) => this.#entries.get(id)?.toRecord(id) ?? []);
    const last = page[page.length - 1];
    return { records, cursor: last !== undefined && start + limit < ids.length ? this.#cursors.seal(last) : '' };
  }

  /** Moves the session, and forwards its old key (and those forwarded to it) to the new one (`movedTo`). */
  async rename(oldKey: string, newKey: string): Promise<boolean> {
    const entry = this.#entries.get(oldKey);
    if (entry === undefined || this.#entries.has(newKey)) return false;
    const forwarded = [...(this.#movedFrom.get(oldKey) ?? []), oldKey];
    await this.destroy(oldKey);
    this.#put(entry.toRecord(newKey));
    for (const dropped of forwarded.splice(0, Math.max(0, forwarded.length - FORWARDINGS_KEPT)))
      this.#movedTo.delete(dropped);
    for (const key of forwarded) this.#movedTo.set(key, newKey);
    this.#movedFrom.set(newKey, forwarded);
    return true;
  }

  /** The key the session of `key` was moved to by `rename`, while it lives there (the latest `FORWARDINGS_KEPT` of its old keys). */
  async movedTo(key: string): Promise<string | undefined> {
    return this.#movedTo.get(key);
  }

  async expiredIds(now: number, absoluteTimeout = 0): Promise<string[]> {
    const ids: string[] = [];
    for (const [id, entry] of this.#entries) {
      if (isExpired(entry, now, absoluteTimeout)) ids.push(id);
    }
    return ids;
  }

  async count(prefix = ''): Promise<number> {
    if (prefix === '') return this.#entries.size;
    if (prefix.indexOf(':') === prefix.length - 1) return this.#perApplication.get(prefix) ?? 0;
    let count = 0;
    for (const id of this.#entries.keys()) if (id.startsWith(prefix)) count++;
    return count;
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#movedTo.clear();
    this.#movedFrom.clear();
    this.#perApplication.clear();
    this.#byPrincipal.clear();
  }

  /** Drops the forwardings to `key` (its session is removed or moved on). */
  #forgetForwardings(key: string): void {
    for (const old of this.#movedFrom.get(key) ?? []) this.#movedTo.delete(old);
    this.#movedFrom.delete(key);
  }

  #countApplication(id: string, delta: number): void {
    const separator = id.indexOf(':');
    if (separator < 0) return;
    const prefix = id.slice(0, separator + 1);
    const count = (this.#perApplication.get(prefix) ?? 0) + delta;
    if (count > 0) this.#perApplication.set(prefix, count);
    else this.#perApplication.delete(prefix);
  }

  #put(record: SessionRecord): void {
    const old = this.#entries.get(record.id);
    if (old === undefined) this.#countApplication(record.id, 1);
    this.#index(record.id, old?.principal, record.principal);
    this.#entries.set(record.id, new MemoryEntry(record));
  }

  /** Moves store id `id` from the index of principal `from` to that of `to`. */
  #index(id: string, from: string | undefined, to: string | undefined): void {
    if (from === to) return;
    if (from !== undefined) {
      const key = indexKey(id, from);
      const ids = this.#byPrincipal.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.#byPrincipal.delete(key);
    }
    if (to !== undefined) {
      const key = indexKey(id, to);
      this.#byPrincipal.set(key, (this.#byPrincipal.get(key) ?? new Set()).add(id));
    }
  }
}
