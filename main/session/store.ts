/**
 * The session store contract. A store keeps serialized sessions and is always asynchronous, so
 * the in-memory store and a remote one behave alike. See the README's "Session store" section.
 *
 * The ids a store sees are store keys, `<application name>:<session id>`: the manager prefixes
 * them so that applications sharing one store never see each other's sessions, and a record's
 * `id` is its key.
 */
import type { SessionPatch, SessionRecord } from '../../common/record.js';

export interface SessionStore {
  /**
   * Optional. `true` when the sessions leave this process (a store shared by several machines):
   * the manager then tells `sessionWillPassivate` / `sessionDidActivate` listeners around every
   * write and read. Default false.
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
  /**
   * Recommended. Moves the session stored under `oldId` to `newId` (its record's `id` becomes
   * `newId`), keeping everything else, for `changeSessionId()`. Returns `false`, moving nothing,
   * when `oldId` does not exist or `newId` is taken. Without it the manager copies the record
   * (`get`, `create`, `destroy`), which is not atomic.
   */
  rename?(oldId: string, newId: string): Promise<boolean>;
  /**
   * Recommended. Ids of sessions expired at `now` (for the sweep): idle time reached their max
   * inactive interval, or — when `absoluteTimeout` (seconds, `> 0`) is given — age reached it.
   * Stores with a native TTL may return [].
   */
  expiredIds?(now: number, absoluteTimeout?: number): Promise<string[]>;
  /** Recommended. Number of stored sessions whose id starts with `prefix` (all when omitted), for the session cap. */
  count?(prefix?: string): Promise<number>;
  /**
   * Optional (operators). Records `principal` (or none, `undefined`) as the owner of the session,
   * with the index `findByPrincipal` reads, atomically with the session where the store can.
   * Returns `false`, recording nothing, when the session does not exist.
   */
  setPrincipal?(id: string, principal: string | undefined, previous: string | undefined): Promise<boolean>;
  /** Optional (operators). Ids of the existing sessions whose id starts with `prefix` and whose principal is `principal`. */
  findByPrincipal?(prefix: string, principal: string): Promise<string[]>;
  /**
   * Optional (operators). A page of the sessions whose id starts with `prefix`: about `limit` of
   * them from `cursor` (`''` for the first page), and the cursor of the next page (`''` after the last).
   */
  list?(prefix: string, cursor: string, limit: number): Promise<{ records: SessionRecord[]; cursor: string }>;
  /** Optional. Releases connections and timers. */
  close?(): Promise<void>;
}
