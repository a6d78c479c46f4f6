/**
 * In-memory session store for a single process. It behaves like a remote store: it keeps
 * serialized JSON rather than live objects and answers asynchronously. Expired sessions are
 * reported to the manager's sweep through `expiredIds`.
 */
import { applyPatch, expiryTime, type SessionPatch, type SessionRecord } from './record.js';
import type { SessionStore } from './store.js';

interface Entry {
  json: string;
  /** Epoch ms, or Infinity when the session never expires. */
  expiresAt: number;
}

export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();

  async get(id: string): Promise<SessionRecord | undefined> {
    const entry = this.#entries.get(id);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as SessionRecord);
  }

  async create(record: SessionRecord): Promise<boolean> {
    if (this.#entries.has(record.id)) return false;
    this.#put(record);
    return true;
  }

  async update(id: string, patch: SessionPatch): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    this.#put(applyPatch(JSON.parse(entry.json) as SessionRecord, patch));
    return true;
  }

  async destroy(id: string): Promise<void> {
    this.#entries.delete(id);
  }

  async expiredIds(now: number): Promise<string[]> {
    const ids: string[] = [];
    for (const [id, entry] of this.#entries) if (now >= entry.expiresAt) ids.push(id);
    return ids;
  }

  async count(): Promise<number> {
    return this.#entries.size;
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }

  #put(record: SessionRecord): void {
    this.#entries.set(record.id, { json: JSON.stringify(record), expiresAt: expiryTime(record) ?? Infinity });
  }
}
