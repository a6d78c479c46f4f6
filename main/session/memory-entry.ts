/**
 * How the MemoryStore keeps one session, compactly (an idle session costs a few hundred bytes,
 * times every session held): the expiry fields as numbers beside the rest serialized as one short
 * JSON array, `[isNew, name, json, name, json, …]`. A large session keeps its rest as its attribute
 * pairs instead (`KEEP_PAIRS_FROM`). The store key is the record's id, so it is not kept twice.
 * What is kept is immutable data: a caller can change nothing stored through a record.
 */
import { applyPatch, type SessionPatch, type SessionRecord } from '../../common/record.js';

/**
 * Attributes of at least this many characters (names and JSON together) are kept as their pairs,
 * not as one JSON text: a session is read on every request of its own and written on every change,
 * and for a large one parsing and writing that text again each time (each value's JSON escaped
 * inside it) is the most of the work (a 1 MiB session took 10-17 ms to read on a slow machine). A
 * small session's text costs less memory than the pairs, which is what counts with many sessions.
 */
export const KEEP_PAIRS_FROM = 64 * 1024;

/** The rest of a session as kept: its JSON text, or (a large session) its flag and pairs. */
type Rest = string | { readonly isNew: boolean; readonly attributes: ReadonlyArray<readonly [string, string]> };

/** One stored session. The expiry fields are read by the sweep without parsing anything. */
export class MemoryEntry {
  readonly creationTime: number;
  readonly lastAccessedTime: number;
  readonly maxInactiveInterval: number;
  /** The principal of the session (operators' index), if it has one. */
  readonly principal: string | undefined;
  /** `[isNew ? 1 : 0, ...attributes flattened]` as JSON text, or a large session's flag and pairs. */
  readonly #rest: Rest;

  /** @param rest the rest as kept, when it is known to be unchanged */
  constructor(record: Omit<SessionRecord, 'id' | 'isNew' | 'attributes'> & Partial<SessionRecord>, rest?: Rest) {
    this.creationTime = record.creationTime;
    this.lastAccessedTime = record.lastAccessedTime;
    this.maxInactiveInterval = record.maxInactiveInterval;
    this.principal = record.principal;
    this.#rest = rest ?? keptRest(record.isNew === true, record.attributes ?? []);
  }

  /**
   * The entry with `patch` applied. A patch of metadata only (a returning request that changed no
   * attribute) keeps the serialized rest as it is instead of parsing and writing it again.
   */
  patched(id: string, patch: SessionPatch): MemoryEntry {
    const restUnchanged =
      patch.set.length === 0 &&
      patch.removed.length === 0 &&
      (patch.isNew === undefined || patch.isNew === this.#isNew);
    if (!restUnchanged) return new MemoryEntry(applyPatch(this.toRecord(id), patch));
    return new MemoryEntry(
      {
        creationTime: this.creationTime,
        lastAccessedTime: patch.lastAccessedTime ?? this.lastAccessedTime,
        maxInactiveInterval: patch.maxInactiveInterval ?? this.maxInactiveInterval,
        ...(this.principal === undefined ? {} : { principal: this.principal }),
      },
      this.#rest,
    );
  }

  get #isNew(): boolean {
    const rest = this.#rest;
    return typeof rest === 'string' ? rest.startsWith('[1') : rest.isNew;
  }

  /** A fresh record of the session stored under `id`. */
  toRecord(id: string): SessionRecord {
    const { isNew, attributes } = openRest(this.#rest);
    const { creationTime, lastAccessedTime, maxInactiveInterval, principal } = this;
    const record: SessionRecord = { id, creationTime, lastAccessedTime, maxInactiveInterval, isNew, attributes };
    if (principal !== undefined) record.principal = principal;
    return record;
  }
}

/** The rest of a session as `MemoryEntry` keeps it (`KEEP_PAIRS_FROM`). */
function keptRest(isNew: boolean, attributes: ReadonlyArray<readonly [string, string]>): Rest {
  let characters = 0;
  for (const [name, json] of attributes) characters += name.length + json.length;
  if (characters < KEEP_PAIRS_FROM) return JSON.stringify([isNew ? 1 : 0, ...attributes.flat()]);
  // Pairs of its own: the caller's arrays stay the caller's.
  return { isNew, attributes: attributes.map(([name, json]) => [name, json] as const) };
}

/** The flag and fresh attribute pairs of a kept rest. */
function openRest(rest: Rest): { isNew: boolean; attributes: Array<[string, string]> } {
  if (typeof rest !== 'string')
    return { isNew: rest.isNew, attributes: rest.attributes.map(([name, json]) => [name, json]) };
  const [isNew, ...flat] = JSON.parse(rest) as [number, ...string[]];
  const attributes: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) attributes.push([flat[i] as string, flat[i + 1] as string]);
  return { isNew: isNew === 1, attributes };
}
