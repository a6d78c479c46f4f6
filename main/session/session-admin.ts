/**
 * Sessions for operators (`runtime.sessions.admin`, and the `sessions` command): how many there
 * are, a page of them, whose they are, and ending one session or all of a principal's sessions with
 * the listeners told, as `invalidate()` does. Ids are secrets (whoever holds one is logged in), so
 * what operators see names a session by a hash of its id.
 *
 * Operators see what a request would find: a session expired by the manager's clock (idle for its
 * interval, or past the absolute timeout) is gone, even while no lookup, sweep or TTL removed it yet,
 * unless a request of this process holds it (it does not expire under a request).
 */
import { createHash } from 'node:crypto';
import { InvalidOptionError, SessionNotFoundError, StoreUnsupportedError } from '../../common/errors.js';
import { isExpired, type SessionRecord } from '../../common/record.js';
import { ApplicationStore } from './application-store.js';
import type { SessionManager } from './manager.js';

/** What an operator sees of one session. */
export interface SessionSummary {
  /** The first 16 hex digits of the SHA-256 of the id: names the session without giving it away. */
  idHash: string;
  /** Epoch ms. */
  creationTime: number;
  /** Epoch ms. */
  lastAccessedTime: number;
  /** Seconds; `<= 0` never expires. */
  maxInactiveInterval: number;
  /** Bytes of attribute names and JSON values. */
  size: number;
  attributeNames: string[];
  /** Whose session it is, or `null` when unknown. */
  principal: string | null;
}

/** A page of sessions and the cursor of the next one (`''` after the last). */
export interface SessionPage {
  sessions: SessionSummary[];
  cursor: string;
}

/** The id hash operators see. */
export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}

function summary(record: SessionRecord): SessionSummary {
  return {
    idHash: sessionIdHash(record.id),
    creationTime: record.creationTime,
    lastAccessedTime: record.lastAccessedTime,
    maxInactiveInterval: record.maxInactiveInterval,
    size: record.attributes.reduce(
      (total, [name, json]) => total + Buffer.byteLength(name) + Buffer.byteLength(json),
      0,
    ),
    attributeNames: record.attributes.map(([name]) => name),
    principal: record.principal ?? null,
  };
}

export class SessionAdmin {
  readonly #manager: SessionManager;
  readonly #sessions: ApplicationStore;

  constructor(manager: SessionManager) {
    this.#manager = manager;
    this.#sessions = new ApplicationStore(manager.store, manager.servletContext.name);
  }

  /**
   * Number of this application's live sessions: those in the store less those expired that no
   * sweep removed yet (the store's `expiredIds`, which on Redis reads every session's times, as
   * the sweep does) and that no request of this process holds (those do not expire under it).
   */
  async count(): Promise<number> {
    const count = await this.#sessions.count();
    if (count === undefined) throw new StoreUnsupportedError('counting sessions', 'count');
    const manager = this.#manager;
    const expired = await this.#sessions.expiredIds(manager.clock.now(), manager.absoluteTimeout);
    return Math.max(0, count - expired.filter((id) => !manager.isInUse(id)).length);
  }

  /**
   * A page of at most `limit` sessions (default 100) from `cursor` (default: the first page). Walked
   * from the first page to the one whose cursor is `''`, the pages hold every session that existed
   * all along, each once (on Redis a session may appear twice when the store changed meanwhile).
   * @throws `ERR_INVALID_OPTION` when `limit` is not a whole number > 0, or (Redis) `cursor` is not one a page returned
   */
  async list({ cursor = '', limit = 100 }: { cursor?: string; limit?: number } = {}): Promise<SessionPage> {
    if (!(Number.isInteger(limit) && limit > 0)) throw new InvalidOptionError('limit', 'must be a whole number > 0');
    const page = await this.#sessions.list(cursor, limit);
    if (page === undefined) throw new StoreUnsupportedError('listing sessions', 'list');
    return { sessions: page.records.filter((record) => this.#live(record)).map(summary), cursor: page.cursor };
  }

  /** The live sessions whose principal is `principal`. */
  async find(principal: string): Promise<SessionSummary[]> {
    const records = await this.#recordsOf(principal);
    return records.filter((record) => this.#live(record)).map(summary);
  }

  /**
   * False for a session a request would find expired now (by the manager's clock and absolute
   * timeout), unless a request of this process holds it: it does not expire under that request.
   */
  #live(record: SessionRecord): boolean {
    const manager = this.#manager;
    return manager.isInUse(record.id) || !isExpired(record, manager.clock.now(), manager.absoluteTimeout);
  }

  /**
   * Ends one session, named by its id or its id hash, with the listeners told.
   * @throws `ERR_SESSION_NOT_FOUND` when there is no such session
   */
  async invalidate(idOrHash: string): Promise<void> {
    const id = /^[0-9a-f]{16}$/.test(idOrHash) ? await this.#idOfHash(idOrHash) : idOrHash;
    if (id === undefined || !(await this.#end(id))) throw new SessionNotFoundError('ending a session');
  }

  /** Ends every session of `principal`, with the listeners told; resolves with how many ended. */
  async invalidatePrincipal(principal: string): Promise<number> {
    let ended = 0;
    for (const record of await this.#recordsOf(principal)) if (await this.#end(record.id)) ended++;
    return ended;
  }

  async #recordsOf(principal: string): Promise<SessionRecord[]> {
    const ids = await this.#sessions.findByPrincipal(principal);
    if (ids === undefined) throw new StoreUnsupportedError('finding the sessions of a principal', 'findByPrincipal');
    const records = await Promise.all(ids.map((id) => this.#sessions.get(id)));
    return records.flatMap((record, index) =>
      record?.principal === principal ? [{ ...record, id: ids[index] as string }] : [],
    );
  }

  /**
   * Finds (expiring it if due), removes and invalidates session `id`; false when there is none, or
   * a request (or another operator) ended it meanwhile: then that one told the listeners.
   */
  async #end(id: string): Promise<boolean> {
    const session = await this.#manager.find(id);
    if (session === undefined) return false;
    return this.#manager.invalidateStored(session);
  }

  async #idOfHash(hash: string): Promise<string | undefined> {
    let cursor = '';
    do {
      const page = await this.#sessions.list(cursor, 500);
      if (page === undefined) throw new StoreUnsupportedError('ending a session by its id hash', 'list');
      const found = page.records.find((record) => sessionIdHash(record.id) === hash);
      if (found !== undefined) return found.id;
      cursor = page.cursor;
    } while (cursor !== '');
    return undefined;
  }
}
