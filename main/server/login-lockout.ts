/**
 * Lockout of user names after failed logins, as Tomcat's `LockOutRealm` does it: after `failures`
 * failed logins of a name in a row, the name is locked for `lockoutMs`; while locked every login of
 * it is refused, the right password too. Names that are no user's count as well (else who gets
 * locked would tell which names are users). The failures are remembered for at most `cacheSize`
 * names, the least recently seen dropped first, so a client that tries ever new names cannot grow
 * the process; a successful login forgets the name's failures.
 *
 * Unlike the realm, a locked name's login is refused before its password is checked (no scrypt is
 * spent on it) and is not counted: the lock lasts `lockoutMs` from the failure that set it. A name
 * whose lock has run out starts again from no failures at its next failure.
 */
import type { Clock } from '../session/clock.js';

/** Most user names whose failures are remembered (the realm's `cacheSize`). */
export const LOCKOUT_CACHE_SIZE = 1000;

/** The failures of one user name. */
interface FailureRecord {
  /** Failed logins in a row. */
  count: number;
  /** When the last one failed, epoch ms. */
  last: number;
}

export class LoginLockout {
  /** Insertion order is recency: a name seen again is moved to the end, the first one is dropped. */
  readonly #records = new Map<string, FailureRecord>();

  /**
   * @param failures failed logins in a row that lock a name (the realm's `failureCount`); at least 1
   * @param lockoutMs how long a name stays locked after them (the realm's `lockOutTime`, in ms)
   */
  constructor(
    readonly failures: number,
    readonly lockoutMs: number,
    private readonly clock: Clock,
    readonly cacheSize = LOCKOUT_CACHE_SIZE,
  ) {}

  /** True while `name` is locked. */
  isLocked(name: string): boolean {
    const record = this.#touch(name);
    return record !== undefined && this.#locks(record, this.clock.now());
  }

  /** Records a failed login of `name`: the one that reaches `failures` in a row locks it. */
  failed(name: string): void {
    const now = this.clock.now();
    let record = this.#touch(name);
    if (record === undefined) {
      record = { count: 0, last: now };
      this.#records.set(name, record);
      if (this.#records.size > this.cacheSize) this.#records.delete(this.#records.keys().next().value as string);
    } else if (record.count >= this.failures && !this.#locks(record, now)) {
      record.count = 0; // its lock ran out: it starts again
    }
    record.count++;
    record.last = now;
  }

  /** Records a successful login of `name`: its failures are forgotten. */
  succeeded(name: string): void {
    this.#records.delete(name);
  }

  /** How many names' failures are remembered. */
  get size(): number {
    return this.#records.size;
  }

  #locks(record: FailureRecord, now: number): boolean {
    return record.count >= this.failures && now - record.last < this.lockoutMs;
  }

  /** The record of `name`, moved to the most recently seen. */
  #touch(name: string): FailureRecord | undefined {
    const record = this.#records.get(name);
    if (record !== undefined) {
      this.#records.delete(name);
      this.#records.set(name, record);
    }
    return record;
  }
}
