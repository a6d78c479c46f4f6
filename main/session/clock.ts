/**
 * The time source of the session container. Every time-dependent part takes one, so tests can
 * inject a fake clock and see expiry exactly and instantly.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** The real clock: `Date.now()`. */
export const systemClock: Clock = { now: () => Date.now() };
