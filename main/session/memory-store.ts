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

  async get(key: string): Promise<SessionRecord | undefined> {
    return this.#entries.get(key)?.toRecord(key);
  }

  async create(record: SessionRecord): Promise<boolean> {
    if (this.#entries.has(record.id)) return false;
    this.#put(record);
    return true;
  }

  async update(key: string, patch: SessionPatch): Promise<boolean> {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#entries.set(key, entry.patched(key, patch));
    return true;
  }

  async destroy(key: string): Promise<void> {
    if (this.#entries.delete(key)) this.#countApplication(key, -1);
  }

  async rename(oldKey: string, newKey: string): Promise<boolean> {
    const entry = this.#entries.get(oldKey);
    if (entry === undefined || this.#entries.has(newKey)) return false;
    await this.destroy(oldKey);
    this.#put(entry.toRecord(newKey));
    return true;
  }

  async expiredIds(now: number, absoluteTimeout = 0): Promise<string[]> {
    const keys: string[] = [];
    for (const [key, entry] of this.#entries) {
      if (isExpired(entry, now, absoluteTimeout)) keys.push(key);
    }
    return keys;
  }

  async count(prefix = ''): Promise<number> {
    if (prefix === '') return this.#entries.size;
    if (prefix.indexOf(':') === prefix.length - 1) return this.#perApplication.get(prefix) ?? 0;
    let count = 0;
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) count++;
    return count;
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#perApplication.clear();
  }

  #countApplication(key: string, delta: number): void {
    const separator = key.indexOf(':');
    if (separator < 0) return;
    const prefix = key.slice(0, separator + 1);
    const count = (this.#perApplication.get(prefix) ?? 0) + delta;
    if (count > 0) this.#perApplication.set(prefix, count);
    else this.#perApplication.delete(prefix);
  }

  #put(record: SessionRecord): void {
    if (!this.#entries.has(record.id)) this.#countApplication(record.id, 1);
    this.#entries.set(record.id, new MemoryEntry(record));
  }
}
