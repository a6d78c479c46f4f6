/**
 * The data of one session as a request sees it, and what changed since it was loaded or last
 * stored: the attributes set or removed, whether the metadata changed, and the id it is stored
 * under (which differs from its id after `changeSessionId`). The manager writes back exactly that.
 */
import type { SessionPatch, SessionRecord } from '../../common/record.js';

/** The metadata a request can change. */
export type MetadataField = 'lastAccessedTime' | 'maxInactiveInterval' | 'isNew';

export class SessionState {
  id: string;
  readonly creationTime: number;
  lastAccessedTime: number;
  maxInactiveInterval: number;
  isNew: boolean;
  /** Attribute name to JSON text, in insertion order. */
  readonly attributes: Map<string, string>;
  /** The session's id in the store, `undefined` while it is not stored. */
  storedId: string | undefined;
  /** The principal the store recorded for the session when it was loaded or last recorded (operators' index). */
  storedPrincipal: string | undefined;
  readonly #changedAttributes = new Set<string>();
  /** Metadata fields changed since loaded or stored: only these are written back. */
  readonly #changedMetadata = new Set<MetadataField>();

  constructor(record: SessionRecord, storedId: string | undefined) {
    this.id = record.id;
    this.creationTime = record.creationTime;
    this.lastAccessedTime = record.lastAccessedTime;
    this.maxInactiveInterval = record.maxInactiveInterval;
    this.isNew = record.isNew;
    this.attributes = new Map(record.attributes);
    this.storedId = storedId;
    this.storedPrincipal = record.principal;
  }

  /**
   * Sets an attribute's JSON text; returns the previous text, if any. Setting the text it already
   * has changes nothing in the store (listeners are still told: that is the caller's part).
   */
  setAttribute(name: string, json: string): string | undefined {
    const old = this.attributes.get(name);
    if (old === json) return old;
    this.attributes.set(name, json);
    this.#changedAttributes.add(name);
    return old;
  }

  /** Removes an attribute; returns its JSON text, or `undefined` (and changes nothing) when absent. */
  removeAttribute(name: string): string | undefined {
    const old = this.attributes.get(name);
    if (old === undefined) return undefined;
    this.attributes.delete(name);
    this.#changedAttributes.add(name);
    return old;
  }

  /** Records that last access, max inactive interval or `isNew` changed. */
  metadataChanged(...fields: MetadataField[]): void {
    for (const field of fields) this.#changedMetadata.add(field);
  }

  /** The full serialized state. */
  toRecord(): SessionRecord {
    const { id, creationTime, lastAccessedTime, maxInactiveInterval, isNew } = this;
    return { id, creationTime, lastAccessedTime, maxInactiveInterval, isNew, attributes: [...this.attributes] };
  }

  /** The patch that brings the stored session up to date, or `undefined` when nothing changed. */
  toPatch(): SessionPatch | undefined {
    if (this.#changedMetadata.size === 0 && this.#changedAttributes.size === 0) return undefined;
    const patch: SessionPatch = { set: [], removed: [] };
    for (const field of this.#changedMetadata) {
      if (field === 'isNew') patch.isNew = this.isNew;
      else patch[field] = this[field];
    }
    for (const name of this.#changedAttributes) {
      const json = this.attributes.get(name);
      if (json === undefined) patch.removed.push(name);
      else patch.set.push([name, json]);
    }
    return patch;
  }

  /** The store now holds the session under its id, with every change. */
  stored(): void {
    this.storedId = this.id;
    this.#changedAttributes.clear();
    this.#changedMetadata.clear();
  }
}
