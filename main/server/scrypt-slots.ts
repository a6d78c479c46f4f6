/**
 * How many scrypt derivations run at once. Each runs on libuv's thread pool (4 threads unless
 * `UV_THREADPOOL_SIZE` says otherwise), which the main process also needs for file system calls,
 * the HTTP client's DNS lookups and zlib: a flood of Basic logins with wrong passwords, each some
 * 50 ms of scrypt, would otherwise hold every thread, and every other request would wait behind
 * them. Derivations past the limit wait their turn here, in order, off the pool; at most
 * `MAX_WAITING_DERIVATIONS` of them, after which a login is answered 503 `ERR_OVERLOADED` at once,
 * so a flood cannot queue logins (and their requests' memory) without end.
 */
import { OverloadedError } from '../../common/errors.js';

/** Most derivations waiting for a slot (each some 50 ms once it runs: about 1.6 s of queue on 2 slots). */
export const MAX_WAITING_DERIVATIONS = 64;

/**
 * Runs tasks with at most `limit` of them running at once; the others start in order as one ends,
 * at most `maxWaiting` of them waiting.
 */
export class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Runs `task` once a slot is free; answers what it answers. Rejects with `ERR_OVERLOADED` at once
   * (the task never runs) when `maxWaiting` tasks already wait.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit && this.waiting.length >= this.maxWaiting)
      throw new OverloadedError('too many logins are waiting for their password check');
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) this.running--;
      else next(); // the slot passes on: `running` stays
    }
  }
}

/** Half of libuv's thread pool (at least one thread), the rest left for everything else. */
export function scryptSlotCount(poolSize = process.env['UV_THREADPOOL_SIZE']): number {
  const threads = Number.parseInt(poolSize ?? '', 10);
  return Math.max(1, Math.floor((Number.isInteger(threads) && threads > 0 ? threads : 4) / 2));
}

/** The slots every scrypt derivation of this process runs in. */
export const scryptSlots = new Slots(scryptSlotCount(), MAX_WAITING_DERIVATIONS);
