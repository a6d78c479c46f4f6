/**
 * What a request changed in a session since it was loaded or last stored: the attributes it set
 * or removed, whether its metadata changed, and the id it is stored under (which differs from the
 * session's id after `changeSessionId`). The manager writes back exactly this.
 */
import type { SessionPatch, SessionRecord } from './record.js';

export class SessionChanges {
  /** Names of attributes set or removed. */
  readonly attributes = new Set<string>();
  /** True when last access, max inactive interval or `isNew` changed. */
  metadata = false;
  /** The session's id in the store, `undefined` while it is not stored. */
  storedId: string | undefined;

  constructor(storedId: string | undefined) {
    this.storedId = storedId;
  }

  /** The patch that brings the stored session to `record`, or `undefined` when nothing changed. */
  toPatch(record: SessionRecord, attributes: ReadonlyMap<string, string>): SessionPatch | undefined {
    if (!this.metadata && this.attributes.size === 0) return undefined;
    const patch: SessionPatch = { set: [], removed: [] };
    if (this.metadata) {
      patch.lastAccessedTime = record.lastAccessedTime;
      patch.maxInactiveInterval = record.maxInactiveInterval;
      patch.isNew = record.isNew;
    }
    for (const name of this.attributes) {
      const json = attributes.get(name);
      if (json === undefined) patch.removed.push(name);
      else patch.set.push([name, json]);
    }
    return patch;
  }

  /** The store now holds the session under `id`, with every change. */
  stored(id: string): void {
    this.storedId = id;
    this.attributes.clear();
    this.metadata = false;
  }
}
