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

/** A `HGETALL` reply (object, `Map`, or flat array depending on RESP version and type mapping) as a map of strings. */
export function hashReplyToMap(reply: unknown): Map<string, string> {
  if (reply instanceof Map) return new Map([...reply].map(([field, value]) => [String(field), String(value)]));
  if (Array.isArray(reply)) {
    const map = new Map<string, string>();
    for (let i = 0; i + 1 < reply.length; i += 2) map.set(String(reply[i]), String(reply[i + 1]));
    return map;
  }
  return new Map(Object.entries(reply as Record<string, unknown>).map(([field, value]) => [field, String(value)]));
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
  const hash = new Map(
    EXPIRY_FIELDS.map((field, index) => [field, values[index] == null ? '' : String(values[index])]),
  );
  const creationTime = numberField(hash, FIELD.created);
  const lastAccessedTime = numberField(hash, FIELD.accessed);
  const maxInactiveInterval = numberField(hash, FIELD.maxInactive);
  if (creationTime === undefined || lastAccessedTime === undefined || maxInactiveInterval === undefined)
    return undefined;
  return { creationTime, lastAccessedTime, maxInactiveInterval };
}

/** The record stored in a hash, or `undefined` when the hash is empty or is not a session. */
export function fieldsToRecord(
  id: string,
  hash: ReadonlyMap<string, string>,
  serializer: AttributeSerializer,
): SessionRecord | undefined {
  const expiry = expiryFromFields(EXPIRY_FIELDS.map((field) => hash.get(field)));
  if (expiry === undefined) return undefined;
  const ordered: Array<[number, string, string]> = [];
  for (const [field, value] of hash) {
    if (!field.startsWith(ATTRIBUTE_PREFIX)) continue;
    const separator = value.indexOf(':');
    ordered.push([
      Number(value.slice(0, separator)),
      field.slice(ATTRIBUTE_PREFIX.length),
      serializer.deserialize(value.slice(separator + 1)),
    ]);
  }
  ordered.sort((a, b) => a[0] - b[0]);
  return {
    id,
    ...expiry,
    isNew: hash.get(FIELD.isNew) === '1',
    attributes: ordered.map(([, name, json]) => [name, json]),
    ...(hash.has(FIELD.principal) ? { principal: hash.get(FIELD.principal) as string } : {}),
  };
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

/** Redis TTL in whole seconds for an interval (rounded up), or 0 for a session that never expires. */
export function ttlSeconds(maxInactiveInterval: number): number {
  return maxInactiveInterval > 0 ? Math.ceil(maxInactiveInterval) : 0;
}

function numberField(hash: ReadonlyMap<string, string>, field: string): number | undefined {
  const value = hash.get(field);
  const number = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}
