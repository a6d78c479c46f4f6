/**
 * The session store contract. A store keeps serialized sessions and is always asynchronous, so
 * the in-memory store and a remote one behave alike. See the README's "Session store" section.
 */
import type { SessionPatch, SessionRecord } from './record.js';

export interface SessionStore {
  /**
   * Optional. `true` when sessions live outside this process (e.g. Redis), so every request reads
   * and writes them remotely; the manager tells listeners around those reads and writes.
   */
  readonly distributed?: boolean;
  /** Required. The stored session, or `undefined` when there is none. */
  get(id: string): Promise<SessionRecord | undefined>;
  /** Required. Stores a new session; `false` when a session with this id already exists. */
  create(record: SessionRecord): Promise<boolean>;
  /**
   * Required. Applies `patch` to an existing session, touching only the fields and attributes it
   * names. Returns `false`, and stores nothing, when the session no longer exists: a write must
   * never bring back a session that was invalidated or expired elsewhere.
   */
  update(id: string, patch: SessionPatch): Promise<boolean>;
  /** Required. Removes the session; no-op when absent. */
  destroy(id: string): Promise<void>;
  /** Recommended. Ids of sessions expired at `now` (for the sweep); stores with a native TTL may return []. */
  expiredIds?(now: number): Promise<string[]>;
  /** Recommended. Number of stored sessions (for the optional session cap). */
  count?(): Promise<number>;
  /** Optional. Releases connections and timers. */
  close?(): Promise<void>;
}
