/**
 * The session store contract. A store keeps serialized sessions and is always asynchronous, so
 * the in-memory store and a remote one behave alike to everyone but the manager, which reads and
 * updates the memory store at once on the request path (common/maybe-promise.ts). See the
 * README's "Session store" section.
 *
 * A store names every session by its store key, `<application name>:<session id>`: the manager
 * (its `ApplicationStore`, the one place that adds and strips the prefix) makes the keys so that
 * applications sharing one store never see each other's sessions. Inside a store, a record's `id`
 * is its key; outside, the manager hands out records whose `id` is the bare session id.
 */
import type { SessionPatch, SessionRecord } from '../../common/record.js';

export interface SessionStore {
  /**
   * Optional. `true` when the sessions leave this process (a store shared by several machines):
   * the manager then tells `sessionWillPassivate` / `sessionDidActivate` listeners around every
   * write and read. Default false.
   */
  readonly distributed?: boolean;
  /**
   * Optional. Why the store cannot reach what it keeps sessions in, while it cannot (a wrong
   * password, an untrusted certificate), for the readiness probe's detail: its calls may then fail
   * only with "offline". No secret in it.
   */
  readonly connectionError?: string | undefined;
  /** Required. The stored session, or `undefined` when there is none. */
  get(key: string): Promise<SessionRecord | undefined>;
  /** Required. Stores a new session under `record.id` (its key); `false` when that key already exists. */
  create(record: SessionRecord): Promise<boolean>;
  /**
   * Required. Applies `patch` to an existing session, touching only the fields and attributes it
   * names. Returns `false`, and stores nothing, when the session no longer exists: a write must
   * never bring back a session that was invalidated or expired elsewhere.
   */
  update(key: string, patch: SessionPatch): Promise<boolean>;
  /**
   * Required. Removes the session; no-op when absent. Recommended: resolve `true` when this call
   * removed it and `false` when there was none, atomically (Redis's `DEL` count), so that of two
   * lookups or sweeps (of one machine or of two) finding one expired session at once, only the one
   * that removed it tells its destroyed listeners. A store that resolves `undefined` (nothing to
   * report) leaves each of them to tell the listeners.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a store written before the boolean (Promise<void>) stays a SessionStore
  destroy(key: string): Promise<boolean | void>;
  /**
   * Recommended. Moves the session stored under `oldKey` to `newKey` (its record's `id` becomes
   * `newKey`), keeping everything else, for `changeSessionId()`. Returns `false`, moving nothing,
   * when `oldKey` does not exist or `newKey` is taken. Without it the manager copies the record
   * (`get`, `create`, `destroy`), which is not atomic.
   */
  rename?(oldKey: string, newKey: string): Promise<boolean>;
  /**
   * Recommended. The key `rename` moved the session stored under `key` to, while the store keeps
   * that forwarding (at least as long as a request that loaded the session under its old key may
   * still end or change it), or `undefined`. An `invalidate()` or the writes committed after another
   * request rotated the session follow it, so the logout or the writes reach the session under its
   * new id. Without it, such an invalidation finds nothing and the session goes on under its new
   * id, and such writes are lost (`'gone'`).
   */
  movedTo?(key: string): Promise<string | undefined>;
  /**
   * Recommended. Keys of sessions expired at `now` (for the sweep): idle time reached their max
   * inactive interval, or — when `absoluteTimeout` (seconds, `> 0`) is given — age reached it.
   * Stores with a native TTL may return [].
   */
  expiredIds?(now: number, absoluteTimeout?: number): Promise<string[]>;
  /** Recommended. Number of stored sessions whose key starts with `prefix` (all when omitted), for the session cap. */
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
   * Optional (operators). A page of the sessions whose id starts with `prefix`: at most `limit`
   * (> 0) of them from `cursor` (`''` for the first page), and the cursor of the next page (`''`
   * after the last). A walk over every page lists each session that exists throughout it.
   */
  list?(prefix: string, cursor: string, limit: number): Promise<{ records: SessionRecord[]; cursor: string }>;
  /** Optional. Releases connections and timers. */
  close?(): Promise<void>;
}
