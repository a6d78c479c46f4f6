/**
 * Applies a script's session changes in the main process, in the order the script made them,
 * through the `HttpSession` methods (so they tell the same listeners as host changes), then writes
 * them to the store. Runs before the response is sent, so a client that saw the response can rely
 * on the session write.
 */
import type { HttpSession } from './http-session.js';
import type { SessionManager } from './manager.js';
import type { SessionOp } from '../../common/snapshot.js';
import { andThen, eachInOrder, type MaybePromise } from '../../common/maybe-promise.js';

/**
 * What the response must tell the client about its session cookie: `'set'` exactly when the request
 * made the session or gave it a new id.
 */
export type CookieAction = { kind: 'none' } | { kind: 'set'; id: string } | { kind: 'clear' };

/** The cookie, and the session the request ends with (if any, valid or not). */
export type CommitOutcome = CookieAction & { session: HttpSession | undefined };

/**
 * Applies `ops` to `initial` (the session the request arrived with, if any) and commits every
 * session the request touched. With `loginId` (the request's user logs in to `initial`:
 * login-rotation.ts), a request that ends with `initial` under the id it was loaded with gives it
 * that id, as `changeSessionId()` does; one that rotated or invalidated it itself needs no other.
 * Returns the cookie the response should carry: at once when the store answers at once
 * (maybe-promise.ts).
 */
export function commitSessionOps(
  manager: SessionManager,
  initial: HttpSession | undefined,
  ops: readonly SessionOp[],
  requestTime: number,
  loginId?: string,
): MaybePromise<CommitOutcome> {
  const initialId = initial?.getId();
  let current = initial;
  const touched = new Set<HttpSession>();
  /**
   * The session the request accessed, marked so after the other operations: while they run (and
   * their listeners), `getLastAccessedTime()` is the previous request's time, as the script saw it.
   */
  let accessed: HttpSession | undefined;
  /** Applies one operation; a promise only when the store must be asked (a new session, an invalidation). */
  const apply = (op: SessionOp): MaybePromise<void> => {
    switch (op.op) {
      case 'access':
        accessed = current;
        break;
      case 'create':
        return andThen(manager.createNow(op.id, requestTime), (created) => {
          current = created;
          touched.add(created);
        });
      case 'set':
        current?.setAttributeJson(op.name, op.json);
        break;
      case 'remove':
        current?.removeAttribute(op.name);
        break;
      case 'maxInactiveInterval':
        current?.setMaxInactiveInterval(op.seconds);
        break;
      case 'changeId':
        current?.changeSessionId(op.id);
        break;
      case 'invalidate': {
        const invalidated = current;
        current = undefined;
        // Removed from the store now, so a session created next counts against the cap without it;
        // and first, so that of those ending it at once (another request, an expiry found on another
        // machine, an operator), only the one that removed it tells the listeners.
        if (invalidated !== undefined) return andThen(manager.invalidateStored(invalidated), () => undefined);
        break;
      }
    }
    if (current !== undefined) touched.add(current);
    return undefined;
  };
  /**
   * The id the request left its session with, taken before the commit: a commit that follows
   * another request's rotation (`SessionManager.commit`) moves the session to an id this request
   * did not make.
   */
  let finalId: string | undefined;
  const applied = eachInOrder(ops, apply);
  const stored = andThen(applied, () => {
    if (loginId !== undefined && current === initial && current?.isValid() && current.getId() === initialId) {
      current.changeSessionId(loginId);
      touched.add(current);
    }
    if (accessed?.isValid()) accessed.access(requestTime);
    finalId = current?.getId();
    return eachInOrder(touched, (session) =>
      session.isValid() ? andThen(manager.save(session), () => undefined) : undefined,
    );
  });
  return andThen(stored, () => {
    // A new session, or a new id for the old one (changeSessionId), gives the client a new cookie;
    // not a rotation that found its session removed meanwhile ('gone': it ended here, its new id was
    // never stored): the client keeps what the request that removed it sent (a cleared cookie,
    // the id of the rotation that won), which a cookie with the dead id would overwrite. Nor a
    // commit that followed another request's rotation: that request's response set the new id, and
    // one sent here could overwrite what the client got since (a later rotation, a logout).
    if (current !== undefined && finalId !== initialId)
      return current.isValid()
        ? { kind: 'set', id: current.getId(), session: current }
        : { kind: 'none', session: current };
    if (initial !== undefined && !initial.isValid() && current === undefined)
      return { kind: 'clear', session: current };
    return { kind: 'none', session: current };
  });
}
