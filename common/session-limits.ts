/**
 * Size limits of a session: the size of one attribute, the number of attributes, the size of the
 * whole session, and how much one request may write. Sizes are UTF-8 bytes of the name plus the
 * value's JSON text. The sandbox enforces them as the script calls `setAttribute` (the script gets a
 * catchable `RangeError`); the main process checks the same rules again before it stores anything.
 */
import { AttributeTooLargeError, SessionTooLargeError, TooManyAttributesError } from './errors.js';

export interface SessionLimits {
  /** Largest attribute (name plus JSON value), bytes. */
  maxAttributeSize: number;
  /** Most attributes in one session. */
  maxAttributes: number;
  /** Largest session (all names plus JSON values), bytes. */
  maxSessionSize: number;
}

/** One request may write at most this many times `maxSessionSize` in attribute values in total. */
export const REQUEST_WRITE_FACTOR = 4;

/** A name as messages show it: quoted, and cut short when long. */
function shown(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
}

/** Bytes an attribute counts for. */
export function attributeSize(name: string, json: string): number {
  return Buffer.byteLength(name) + Buffer.byteLength(json);
}

/**
 * Tracks the attributes of the current session and what the request wrote, and refuses a change
 * that breaks a limit. A session already over a limit (limits lowered since) may still shrink.
 */
export class SessionLedger {
  readonly #limits: SessionLimits;
  readonly #what: string;
  readonly #sizes = new Map<string, number>();
  #total = 0;
  #written = 0;
  /** The attributes the session started with, measured on the first change (most requests make none). */
  #initial: (() => Iterable<readonly [string, string]>) | undefined;

  /**
   * @param attributes the session's attributes at the start of the request, or a function giving them
   * @param what `session`, or `request` for request attributes (named in messages)
   */
  constructor(
    limits: SessionLimits,
    attributes: Iterable<readonly [string, string]> | (() => Iterable<readonly [string, string]>) = [],
    what = 'session',
  ) {
    this.#limits = limits;
    this.#what = what;
    this.#initial = typeof attributes === 'function' ? attributes : () => attributes;
  }

  #measureInitial(): void {
    const initial = this.#initial;
    this.#initial = undefined;
    if (initial !== undefined) for (const [name, json] of initial()) this.#put(name, attributeSize(name, json));
  }

  /** Checks and records `setAttribute(name, json)`; throws a `RangeError`-named coded error naming `method`. */
  set(method: string, name: string, json: string): void {
    this.#measureInitial();
    const { maxAttributeSize, maxAttributes, maxSessionSize } = this.#limits;
    const size = attributeSize(name, json);
    const previous = this.#sizes.get(name);
    if (size > maxAttributeSize) {
      throw new AttributeTooLargeError(
        `${method}: attribute ${shown(name)} is ${size} bytes; the limit is ${maxAttributeSize} bytes (maxAttributeSize)`,
      );
    }
    if (previous === undefined && this.#sizes.size >= maxAttributes) {
      throw new TooManyAttributesError(
        `${method}: the ${this.#what} already has ${this.#sizes.size} attributes; the limit is ${maxAttributes} (maxAttributes)`,
      );
    }
    const total = this.#total - (previous ?? 0) + size;
    if (total > maxSessionSize && total > this.#total) {
      throw new SessionTooLargeError(
        `${method}: attribute ${shown(name)} would make the ${this.#what} ${total} bytes; the limit is ${maxSessionSize} bytes (maxSessionSize)`,
      );
    }
    const writeLimit = maxSessionSize * REQUEST_WRITE_FACTOR;
    if (this.#written + size > writeLimit) {
      throw new SessionTooLargeError(
        `${method}: this request wrote more than ${writeLimit} bytes of ${this.#what} attributes (${REQUEST_WRITE_FACTOR} × maxSessionSize)`,
      );
    }
    this.#written += size;
    this.#put(name, size);
  }

  remove(name: string): void {
    this.#measureInitial();
    this.#total -= this.#sizes.get(name) ?? 0;
    this.#sizes.delete(name);
  }

  /** The session ended (invalidated) or was replaced by a new, empty one. */
  clear(): void {
    this.#initial = undefined;
    this.#sizes.clear();
    this.#total = 0;
  }

  #put(name: string, size: number): void {
    this.#total += size - (this.#sizes.get(name) ?? 0);
    this.#sizes.set(name, size);
  }
}
