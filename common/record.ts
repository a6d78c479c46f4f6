/**
 * The serialized form of a session, as stores keep it, and the patch a request writes.
 * Attribute values are JSON text; attributes are kept as ordered pairs so insertion order survives.
 */

/** A whole session as a store keeps it. */
export interface SessionRecord {
  /**
   * The session id (what the cookie carries). Only inside a `SessionStore` is it the store key,
   * `<application name>:<session id>`; the manager's `ApplicationStore` translates both ways.
   */
  id: string;
  /** Epoch ms when the session was created. */
  creationTime: number;
  /** Epoch ms when the container received the most recent request of this session. */
  lastAccessedTime: number;
  /** Seconds of inactivity after which the session expires; `<= 0` never expires. */
  maxInactiveInterval: number;
  /** True until the client has returned the session's cookie. */
  isNew: boolean;
  /** `[name, JSON text]` pairs in insertion order. */
  attributes: Array<[string, string]>;
  /** Whose session it is (the operators' index: see `SessionStore.setPrincipal`); absent when unknown. */
  principal?: string;
}

/** What one request changed in an existing session; a store applies exactly this. */
export interface SessionPatch {
  lastAccessedTime?: number;
  maxInactiveInterval?: number;
  isNew?: boolean;
  /** Attributes set or replaced, `[name, JSON text]`, in the order they were set. */
  set: Array<[string, string]>;
  /** Attributes removed. */
  removed: string[];
}

/** The fields expiry depends on. */
export type ExpiryFields = Pick<SessionRecord, 'creationTime' | 'lastAccessedTime' | 'maxInactiveInterval'>;

/**
 * Epoch ms at which `record` expires, or `undefined` when it never expires: the idle deadline
 * (last access + max inactive interval, when that is `> 0`) or, with an absolute timeout in seconds
 * `> 0`, creation + absolute timeout, whichever comes first.
 */
export function expiryTime(record: ExpiryFields, absoluteTimeout = 0): number | undefined {
  const idle = record.maxInactiveInterval > 0 ? record.lastAccessedTime + record.maxInactiveInterval * 1000 : Infinity;
  const absolute = absoluteTimeout > 0 ? record.creationTime + absoluteTimeout * 1000 : Infinity;
  const expiry = Math.min(idle, absolute);
  return expiry === Infinity ? undefined : expiry;
}

/**
 * Servlet rule: a session whose idle time reaches its max inactive interval is expired
 * (idle seconds `>=` interval); an interval `<= 0` never expires. With an absolute timeout
 * (seconds `> 0`), a session whose age reaches it is expired too.
 */
export function isExpired(record: ExpiryFields, now: number, absoluteTimeout = 0): boolean {
  const expiry = expiryTime(record, absoluteTimeout);
  return expiry !== undefined && now >= expiry;
}

/** Applies `patch` to a copy of `record` (the merge every store performs). */
export function applyPatch(record: SessionRecord, patch: SessionPatch): SessionRecord {
  const attributes = new Map(record.attributes);
  for (const name of patch.removed) attributes.delete(name);
  for (const [name, json] of patch.set) attributes.set(name, json);
  return {
    ...record,
    lastAccessedTime: patch.lastAccessedTime ?? record.lastAccessedTime,
    maxInactiveInterval: patch.maxInactiveInterval ?? record.maxInactiveInterval,
    isNew: patch.isNew ?? record.isNew,
    attributes: [...attributes],
  };
}
