/**
 * The session lock for sessions in Redis, shared by every node: a key per locked session, set
 * with `SET NX PX` (the lease) and a random token, released by a script that deletes it only while
 * it still holds that token. A waiting request polls with a growing pause (2 ms doubling up to
 * 50 ms). A node that dies holding the lock holds it only until the lease ends.
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
import type { SessionLock } from '../session-lock.js';
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

  constructor(client: RedisConnection, options: RedisLockOptions) {
    this.#client = client;
    this.#options = options;
    this.#guard = new StoreCallGuard(options.commandTimeout);
  }

  async acquire(id: string, waitMs: number): Promise<() => void> {
    const key = this.#options.keyPrefix + id;
    const token = randomBytes(16).toString('base64url');
    const giveUp = Date.now() + waitMs;
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
