/**
 * In-memory session store for a single process. It behaves like a remote store: it keeps
 * serialized data rather than live objects (compactly: memory-entry.ts) and answers
 * asynchronously. Expired sessions are reported to the manager's sweep through `expiredIds`. It is
 * not `distributed`.
 */
import { isExpired, type SessionPatch, type SessionRecord } from '../../common/record.js';
import { MemoryEntry } from './memory-entry.js';
import type { SessionStore } from './store.js';

export class MemoryStore implements SessionStore {
  readonly distributed = false;
  readonly #entries = new Map<string, MemoryEntry>();
  /** Sessions per application prefix (`<name>:`), so the cap check does not walk every entry. */
  readonly #perApplication = new Map<string, number>();

  async get(id: string): Promise<SessionRecord | undefined> {
    return this.#entries.get(id)?.toRecord(id);
  }

  async create(record: SessionRecord): Promise<boolean> {
    if (this.#entries.has(record.id)) return false;
    this.#put(record);
    return true;
  }

  async update(id: string, patch: SessionPatch): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    this.#entries.set(id, entry.patched(id, patch));
    return true;
  }

  async destroy(id: string): Promise<void> {
    if (this.#entries.delete(id)) this.#countApplication(id, -1);
  }

  async rename(oldId: string, newId: string): Promise<boolean> {
    const entry = this.#entries.get(oldId);
    if (entry === undefined || this.#entries.has(newId)) return false;
    await this.destroy(oldId);
    this.#put(entry.toRecord(newId));
    return true;
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
    this.#perApplication.clear();
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
    if (!this.#entries.has(record.id)) this.#countApplication(record.id, 1);
    this.#entries.set(record.id, new MemoryEntry(record));
  }
}
