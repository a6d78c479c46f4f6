/**
 * The session lock for sessions in Redis, shared by every node: a key per locked session, set
 * with `SET NX PX` (the lease) and a random token, released by a script that deletes it only while
 * it still holds that token. A node that dies holding the lock holds it only until the lease ends.
 *
 * The requests of one session on this node queue here first, in arrival order (the in-process
 * lock), and only the first of them polls Redis, with a growing pause (2 ms doubling up to 50 ms);
 * freeing the lock hands it to the next in the queue, whose first attempt goes right after the
 * release. Without the queue, a request arriving as the lock is freed would take it ahead of one
 * asleep in its pause, and a stream of quick requests could keep a waiting one out until
 * `sessionLockWait`. Between nodes, waiting requests still poll: no order is kept there.
 *
 * A silent Redis (paused, partitioned) answers late, not never: a `SET` whose call timed out
 * still takes the lock when Redis wakes up, for a request that has already failed. So a failed
 * attempt is followed by a release of its token on the same connection (applied after the `SET`,
 * Redis answering a connection's commands in order), and a release is always sent, even while the
 * guard fails calls at once after a timeout: otherwise the session would stay locked for a whole
 * lease, failing its next requests with `ERR_SESSION_LOCKED`.
 */
import { randomBytes } from 'node:crypto';
import { SessionLockedError } from '../../../common/errors.js';
import { MemorySessionLock, type SessionLock } from '../session-lock.js';
import type { RedisConnection } from './redis-nodes.js';
import { StoreCallGuard } from './store-call-guard.js';

const ACQUIRE = "return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0";
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

export interface RedisLockOptions {
  /** Start of every lock key, e.g. `dirigible-session:lock:default:`. */
  keyPrefix: string;
  /** How long a held lock lasts unless released, ms: longer than any run (the deadline plus a margin). */
  leaseMs: number;
  /** Longest one Redis call may take, ms. */
  commandTimeout: number;
}

export class RedisSessionLock implements SessionLock {
  readonly #client: RedisConnection;
  readonly #options: RedisLockOptions;
  readonly #guard: StoreCallGuard;
  /** This node's queue in front of the Redis key: its first request is the one that polls. */
  readonly #queue = new MemorySessionLock();

  constructor(client: RedisConnection, options: RedisLockOptions) {
    this.#client = client;
    this.#options = options;
    this.#guard = new StoreCallGuard(options.commandTimeout);
  }

  async acquire(id: string, waitMs: number): Promise<() => void> {
    const giveUp = Date.now() + waitMs;
    const leaveQueue = await this.#queue.acquire(id, waitMs);
    try {
      const release = await this.#acquireKey(this.#options.keyPrefix + id, waitMs, giveUp);
      return () => {
        release(); // sent first, so the next request's attempt reaches Redis after it
        leaveQueue();
      };
    } catch (error) {
      leaveQueue();
      throw error;
    }
  }

  /** Polls for the Redis key until `giveUp` (epoch ms); `waitMs` is the whole wait, for the error. */
  async #acquireKey(key: string, waitMs: number, giveUp: number): Promise<() => void> {
    const token = randomBytes(16).toString('base64url');
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      const taken = await this.#guard
        .run('lock', () =>
          this.#client.eval(ACQUIRE, { keys: [key], arguments: [token, String(this.#options.leaseMs)] }),
        )
        .catch((error: unknown) => {
          void this.#release(key, token); // the SET may still be applied: take back what it would hold
          throw error;
        });
      if (Number(taken) === 1) return () => void this.#release(key, token);
      if (Date.now() + pause > giveUp) throw new SessionLockedError(waitMs);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /**
   * Deletes the lock while `token` holds it. Sent straight to the client, not through the guard:
   * nothing waits for it, and a guard failing calls at once would skip it and leave the lock held.
   */
  async #release(key: string, token: string): Promise<void> {
    try {
      await this.#client.eval(RELEASE, { keys: [key], arguments: [token] });
    } catch {
      // Redis unreachable: the lease ends the lock anyway.
    }
  }
}
