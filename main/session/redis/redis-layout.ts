/**
 * How a session is laid out in Redis: one hash per session. Metadata fields start with `m:`,
 * attribute fields with `a:` followed by the attribute name, so no attribute name can collide
 * with metadata. An attribute's value is `<order>:<serialized JSON>`; `<order>` comes from the
 * `m:order` counter when the attribute is first added, so insertion order survives (a replaced
 * attribute keeps its place, a removed and re-added one moves to the end, as in a `Map`).
 *
 * | field | value |
 * |---|---|
 * | `m:created` | creation time, epoch ms |
 * | `m:accessed` | last access time, epoch ms |
 * | `m:maxInactive` | max inactive interval, seconds (`<= 0`: never expires) |
 * | `m:new` | `1` while the session is new, else `0` |
 * | `m:order` | the last order number handed to an attribute |
 * | `a:<name>` | `<order>:<serialized JSON text of the value>` |
 */
import type { ExpiryFields, SessionPatch, SessionRecord } from '../../../common/record.js';

export const FIELD = {
  created: 'm:created',
  accessed: 'm:accessed',
  maxInactive: 'm:maxInactive',
  isNew: 'm:new',
  order: 'm:order',
  /** Whose session it is, for operators (redis-principals.ts); absent when unknown. */
  principal: 'm:principal',
} as const;

export const ATTRIBUTE_PREFIX = 'a:';

/**
 * Turns an attribute's JSON text into what is stored and back, e.g. to compress or encrypt
 * values at rest. Both directions must be exact inverses. Default: the JSON text unchanged.
 */
export interface AttributeSerializer {
  serialize(json: string): string;
  deserialize(stored: string): string;
}

export const identitySerializer: AttributeSerializer = {
  serialize: (json) => json,
  deserialize: (stored) => stored,
};

/** Calls `visit` with each field and value of a `HGETALL` reply (object, `Map`, or flat array depending on RESP version and type mapping). */
export function eachHashField(reply: unknown, visit: (field: string, value: string) => void): void {
  if (reply instanceof Map) {
    for (const [field, value] of reply) visit(String(field), String(value));
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) visit(String(reply[i]), String(reply[i + 1]));
  } else if (typeof reply === 'object' && reply !== null) {
    for (const [field, value] of Object.entries(reply)) visit(field, String(value));
  }
}

/** A `HGETALL` reply as a map of strings. */
export function hashReplyToMap(reply: unknown): Map<string, string> {
  const map = new Map<string, string>();
  eachHashField(reply, (field, value) => map.set(field, value));
  return map;
}

/** Field/value pairs of the hash that stores `record`. */
export function recordToFields(record: SessionRecord, serializer: AttributeSerializer): string[] {
  const fields = [
    FIELD.created,
    String(record.creationTime),
    FIELD.accessed,
    String(record.lastAccessedTime),
    FIELD.maxInactive,
    String(record.maxInactiveInterval),
    FIELD.isNew,
    record.isNew ? '1' : '0',
    FIELD.order,
    String(record.attributes.length),
  ];
  record.attributes.forEach(([name, json], index) => {
    fields.push(ATTRIBUTE_PREFIX + name, `${index + 1}:${serializer.serialize(json)}`);
  });
  return fields;
}

/** The metadata fields expiry depends on, in the order `expiryFromFields` reads them (for `HMGET`). */
export const EXPIRY_FIELDS = [FIELD.created, FIELD.accessed, FIELD.maxInactive] as const;

/** The expiry fields from an `HMGET` of `EXPIRY_FIELDS`, or `undefined` when the hash is not a session. */
export function expiryFromFields(values: readonly unknown[]): ExpiryFields | undefined {
  return expiryOf(
    values[0] == null ? undefined : String(values[0]),
    values[1] == null ? undefined : String(values[1]),
    values[2] == null ? undefined : String(values[2]),
  );
}

function expiryOf(
  created: string | undefined,
  accessed: string | undefined,
  maxInactive: string | undefined,
): ExpiryFields | undefined {
  const creationTime = numberField(created);
  const lastAccessedTime = numberField(accessed);
  const maxInactiveInterval = numberField(maxInactive);
  if (creationTime === undefined || lastAccessedTime === undefined || maxInactiveInterval === undefined)
    return undefined;
  return { creationTime, lastAccessedTime, maxInactiveInterval };
}

/**
 * The record stored in a hash (a `HGETALL` reply in any of its forms, see `eachHashField`), or
 * `undefined` when the hash is empty or is not a session. Read in one pass, without a copy.
 */
export function fieldsToRecord(id: string, hash: unknown, serializer: AttributeSerializer): SessionRecord | undefined {
  let created: string | undefined;
  let accessed: string | undefined;
  let maxInactive: string | undefined;
  let isNew = false;
  let principal: string | undefined;
  const ordered: Array<[number, string, string]> = [];
  eachHashField(hash, (field, value) => {
    if (field.startsWith(ATTRIBUTE_PREFIX)) {
      const separator = value.indexOf(':');
      ordered.push([
        Number(value.slice(0, separator)),
        field.slice(ATTRIBUTE_PREFIX.length),
        serializer.deserialize(value.slice(separator + 1)),
      ]);
      return;
    }
    switch (field) {
      case FIELD.created:
        created = value;
        break;
      case FIELD.accessed:
        accessed = value;
        break;
      case FIELD.maxInactive:
        maxInactive = value;
        break;
      case FIELD.isNew:
        isNew = value === '1';
        break;
      case FIELD.principal:
        principal = value;
        break;
    }
  });
  const expiry = expiryOf(created, accessed, maxInactive);
  if (expiry === undefined) return undefined;
  if (ordered.length > 1) ordered.sort((a, b) => a[0] - b[0]);
  const attributes: Array<[string, string]> = ordered.map(([, name, json]) => [name, json]);
  const record: SessionRecord = { id, ...expiry, isNew, attributes };
  if (principal !== undefined) record.principal = principal;
  return record;
}

/**
 * The arguments of the update script for `patch`: the three metadata values (`''` when the patch
 * leaves one unchanged), the number of removed attributes, their fields, then field/value pairs
 * of the attributes set (values serialized, without their order prefix).
 */
export function patchToArguments(patch: SessionPatch, serializer: AttributeSerializer): string[] {
  const args = [
    patch.lastAccessedTime === undefined ? '' : String(patch.lastAccessedTime),
    patch.maxInactiveInterval === undefined ? '' : String(patch.maxInactiveInterval),
    patch.isNew === undefined ? '' : patch.isNew ? '1' : '0',
    String(patch.removed.length),
    ...patch.removed.map((name) => ATTRIBUTE_PREFIX + name),
  ];
  for (const [name, json] of patch.set) args.push(ATTRIBUTE_PREFIX + name, serializer.serialize(json));
  return args;
}

/**
 * Seconds a session key outlives its max inactive interval. The interval itself is the servlet
 * rule, checked by every lookup and sweep against the stored last access time; the TTL only clears
 * away what no node removed. Were the TTL the interval itself, Redis would delete a session under
 * a request still using it (a slow script started just before the session's time ran out), and
 * that request's writes, already answered, would be lost: a request holds its session for its
 * run (`deadline`, 10 s by default) and its store calls, well within this.
 */
export const TTL_GRACE_SECONDS = 60;

/**
 * Redis TTL in whole seconds for an interval: rounded up, plus `TTL_GRACE_SECONDS`; 0 for a session
 * that never expires.
 */
export function ttlSeconds(maxInactiveInterval: number): number {
  return maxInactiveInterval > 0 ? Math.ceil(maxInactiveInterval) + TTL_GRACE_SECONDS : 0;
}

function numberField(value: string | undefined): number | undefined {
  const number = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}
