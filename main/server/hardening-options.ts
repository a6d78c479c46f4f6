/**
 * The options that bound what one script, one client or one dependency can cost the main process:
 * caps on a run's result, the run queue, bytes held for slow readers and how long, shutdown, the store's answer
 * time, and the opt-in session lock. Defaults are declared here and filled in once.
 */
import { DEFAULT_LIMITS } from '../../common/limits.js';
import { InvalidOptionError } from '../../common/errors.js';

export interface HardeningOptions {
  /** Most headers one response may carry. Default 1000. */
  maxHeaders?: number;
  /** Most bytes of one response's headers (names plus values); a header block this large is refused by most clients and proxies anyway. Default 64 KiB. */
  maxHeaderBytes?: number;
  /** Most session operations one run may record. Default 10,000. */
  maxSessionOps?: number;
  /** Longest message, and longest stack, of a failed run's error, characters (longer is cut). Default 8192. */
  maxErrorSize?: number;
  /** Most runs waiting for a worker; beyond it the answer is 503 `ERR_OVERLOADED` with `Retry-After`. Default 1000. */
  maxQueue?: number;
  /** Most response bytes held for clients that have not read them yet; beyond it 503 `ERR_OVERLOADED`. Default 128 MiB. */
  maxBufferedBytes?: number;
  /** Longest a response may wait with its client taking none of it, ms; then its connection is closed and its bytes are no longer held. Default 60000. */
  sendTimeout?: number;
  /** Longest a shutdown (`close()`, SIGTERM) waits for requests, workers and the store, ms; then they are cut off. Default 10000. */
  shutdownTimeout?: number;
  /** Longest the session store may take to answer one call, ms; then 503 `ERR_STORE_UNAVAILABLE`. Default 2000. */
  storeTimeout?: number;
  /** Run the requests of one session one at a time (no lost updates). Default false. */
  sessionLock?: boolean;
  /** Longest a request waits for its session's lock, ms; then 503 `ERR_SESSION_LOCKED`. Default 5000. */
  sessionLockWait?: number;
}

export type ResolvedHardening = Required<HardeningOptions>;

export const HARDENING_DEFAULTS: Readonly<ResolvedHardening> = Object.freeze({
  maxHeaders: DEFAULT_LIMITS.maxHeaders,
  maxHeaderBytes: DEFAULT_LIMITS.maxHeaderBytes,
  maxSessionOps: DEFAULT_LIMITS.maxSessionOps,
  maxErrorSize: DEFAULT_LIMITS.maxErrorSize,
  maxQueue: 1000,
  maxBufferedBytes: 128 * 1024 * 1024,
  sendTimeout: 60_000,
  shutdownTimeout: 10_000,
  storeTimeout: 2000,
  sessionLock: false,
  sessionLockWait: 5000,
});

/** Fills in defaults and checks each option; throws `ERR_INVALID_OPTION` naming the first bad one. */
export function resolveHardening(options: HardeningOptions): ResolvedHardening {
  const resolved = { ...HARDENING_DEFAULTS };
  for (const key of Object.keys(HARDENING_DEFAULTS) as Array<keyof ResolvedHardening>) {
    const value = options[key];
    if (value === undefined) continue;
    if (key === 'sessionLock') {
      if (typeof value !== 'boolean') throw new InvalidOptionError(key, 'must be a boolean');
      resolved.sessionLock = value;
      continue;
    }
    const min = key === 'maxQueue' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
      throw new InvalidOptionError(key, `must be a whole number >= ${min}`);
    (resolved as Record<string, number | boolean>)[key] = value;
  }
  return resolved;
}
