/**
 * How the MemoryStore keeps one session, compactly (an idle session costs a few hundred bytes,
 * times every session held): the expiry fields as numbers beside the rest serialized as one short
 * JSON array, `[isNew, name, json, name, json, …]`. The store key is the record's id, so it is not
 * kept twice. What is kept is immutable data: a caller can change nothing stored through a record.
 */
import { applyPatch, type SessionPatch, type SessionRecord } from '../../common/record.js';

/** One stored session. The expiry fields are read by the sweep without parsing anything. */
export class MemoryEntry {
  readonly creationTime: number;
  readonly lastAccessedTime: number;
  readonly maxInactiveInterval: number;
  /** The principal of the session (operators' index), if it has one. */
  readonly principal: string | undefined;
  /** `[isNew ? 1 : 0, ...attributes flattened]` as JSON text. */
  readonly #rest: string;

  /** @param rest the serialized rest, when it is known to be unchanged */
  constructor(record: Omit<SessionRecord, 'id' | 'isNew' | 'attributes'> & Partial<SessionRecord>, rest?: string) {
    this.creationTime = record.creationTime;
    this.lastAccessedTime = record.lastAccessedTime;
    this.maxInactiveInterval = record.maxInactiveInterval;
    this.principal = record.principal;
    this.#rest = rest ?? JSON.stringify([record.isNew === true ? 1 : 0, ...(record.attributes ?? []).flat()]);
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
    return this.#rest.startsWith('[1');
  }

  /** A fresh record of the session stored under `id`. */
  toRecord(id: string): SessionRecord {
    const [isNew, ...flat] = JSON.parse(this.#rest) as [number, ...string[]];
    const attributes: Array<[string, string]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) attributes.push([flat[i] as string, flat[i + 1] as string]);
    const { creationTime, lastAccessedTime, maxInactiveInterval, principal } = this;
    const record: SessionRecord = {
      id,
      creationTime,
      lastAccessedTime,
      maxInactiveInterval,
      isNew: isNew === 1,
      attributes,
    };
    if (principal !== undefined) record.principal = principal;
    return record;
  }
}
