/**
 * One request's view of its session inside the sandbox worker. It answers the script's calls from
 * the snapshot handed in, creates the session lazily (Dirigible's `getSession(true)`), and records
 * every change as a `SessionOp` for the main process to apply after the script ends.
 *
 * A session created here and only read is never "materialized": no op is recorded for it, so it
 * is not stored and no cookie is set.
 *
 * A run started without its session (`settings.deferred`) loads it from the main process on the
 * script's first session call (session-load.ts); `used` tells the main process whether the run
 * needed the session, so it knows whether to load it before the script's next run.
 */
import { SessionLimitError, StoreUnavailableError, TooManySessionOpsError } from '../../common/errors.js';
import { generateSessionId } from '../../common/ids.js';
import type { RequestLimits } from '../../common/limits.js';
import { SessionLedger } from '../../common/session-limits.js';
import type { SessionOp, SessionSettings, SessionSnapshot } from '../../common/snapshot.js';
import { loadDeferredSession } from './session-load.js';

/** The session as this request sees it: the stored record's fields, attributes in a `Map`. */
interface LiveSession extends Omit<SessionSnapshot, 'attributes'> {
  attributes: Map<string, string>;
  /** False for a session created in this request that nothing has written or identified yet. */
  materialized: boolean;
  /** True for the stored session the request arrived with. */
  stored: boolean;
}

/** The script's session call that records each kind of op, as an error names it. */
const OP_METHODS: Readonly<Record<SessionOp['op'], string>> = {
  access: 'session.getSession',
  create: 'session.getSession',
  set: 'session.setAttribute',
  remove: 'session.removeAttribute',
  maxInactiveInterval: 'session.setMaxInactiveInterval',
  changeId: 'session.changeSessionId',
  invalidate: 'session.invalidate',
};

export class SessionView {
  readonly ops: SessionOp[] = [];
  /** Size limits of the current session's attributes and of what this request writes. */
  readonly ledger: SessionLedger;
  #session: LiveSession | undefined;
  /** The attributes of the stored session the request arrived with (for the ledger). */
  #initialAttributes: ReadonlyArray<readonly [string, string]> = [];
  #accessed = false;
  #used = false;
  /** Why the deferred load failed: every later session call throws it again. */
  #loadFailure: unknown;
  /** True once a stored session was invalidated: its slot under the session cap is free. */
  #freedSlot = false;
  readonly #requestTime: number;
  #settings: SessionSettings;
  readonly #maxOps: number;
  readonly #startedAt: number;

  /** @param startedAt when the run began (epoch ms, this process's clock): a deferred load counts against its deadline */
  constructor(
    snapshot: SessionSnapshot | undefined,
    requestTime: number,
    settings: SessionSettings,
    limits: RequestLimits,
    startedAt = Date.now(),
  ) {
    this.#maxOps = limits.maxSessionOps;
    this.#requestTime = requestTime;
    this.#settings = settings;
    this.#startedAt = startedAt;
    this.ledger = new SessionLedger(limits, () => this.#initialAttributes);
    if (snapshot !== undefined) this.#adopt(snapshot);
  }

  /** True once the script used its session (any session call, or `encodeURL` asking for its id). */
  get used(): boolean {
    return this.#used;
  }

  /** The current session for reading, created when there is none. */
  read(): LiveSession {
    this.#use();
    const unavailable = this.#settings.storeUnavailable;
    if (unavailable !== undefined) throw new StoreUnavailableError(unavailable);
    const session = this.#session ?? this.#create();
    if (session.stored && !this.#accessed) {
      this.#accessed = true;
      this.#push({ op: 'access' });
    }
    return session;
  }

  /** The current session for a write or an identity read: it will be stored and get a cookie. */
  write(): LiveSession {
    const session = this.read();
    if (!session.materialized) {
      // The cap counts stored sessions: one only read is never stored, so only this step needs a free slot.
      if (!this.#settings.canCreate && !this.#freedSlot) throw new SessionLimitError(this.#settings.maxActiveSessions);
      session.materialized = true;
      this.#push({ op: 'create', id: session.id });
    }
    return session;
  }

  /** Records an op against the (materialized) current session. */
  record(op: SessionOp): void {
    this.#push(op);
  }

  /** Ends the current session; the next call starts a fresh one. */
  invalidate(): void {
    const session = this.read();
    if (session.materialized) this.#push({ op: 'invalidate' });
    if (session.stored) this.#freedSlot = true;
    this.#session = undefined;
  }

  /** Gives the current session a new id (generated here, like every id); returns it. */
  changeId(): string {
    const session = this.write();
    session.id = generateSessionId();
    this.#push({ op: 'changeId', id: session.id });
    return session.id;
  }

  /** The id of the session as it will be stored, without touching it; `undefined` when there is none yet. */
  existingId(): string | undefined {
    this.#use();
    return this.#session?.materialized === true ? this.#session.id : undefined;
  }

  /** The session tracking settings of this request. */
  get settings(): SessionSettings {
    return this.#settings;
  }

  /** Marks the session used, and loads it first when the run was started without it. */
  #use(): void {
    this.#used = true;
    const token = this.#settings.deferred;
    if (token === undefined) return;
    if (this.#loadFailure !== undefined) throw this.#loadFailure;
    try {
      const loaded = loadDeferredSession(token, this.#startedAt);
      this.#settings = loaded.settings;
      if (loaded.snapshot !== undefined) this.#adopt(loaded.snapshot);
    } catch (error) {
      this.#loadFailure = error;
      throw error;
    }
  }

  /** Takes `snapshot`, the stored session the request arrived with, as the current session. */
  #adopt(snapshot: SessionSnapshot): void {
    this.#initialAttributes = snapshot.attributes;
    // New fields before the spread (V8 adds properties after a spread on a slow path).
    this.#session = { materialized: true, stored: true, ...snapshot, attributes: new Map(snapshot.attributes) };
  }

  /** Records `op`, unless the run has recorded `maxSessionOps` already. */
  #push(op: SessionOp): void {
    if (this.ops.length >= this.#maxOps) throw new TooManySessionOpsError(OP_METHODS[op.op], this.#maxOps);
    this.ops.push(op);
  }

  #create(): LiveSession {
    this.ledger.clear();
    const time = this.#requestTime;
    this.#session = {
      id: generateSessionId(),
      creationTime: time,
      lastAccessedTime: time,
      maxInactiveInterval: this.#settings.maxInactiveInterval,
      isNew: true,
      attributes: new Map(),
      materialized: false,
      stored: false,
    };
    return this.#session;
  }
}
