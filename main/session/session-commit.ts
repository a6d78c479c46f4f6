/**
 * Applies a script's session changes in the main process, in the order the script made them,
 * through the `HttpSession` methods (so they tell the same listeners as host changes), then writes
 * them to the store. Runs before the response is sent, so a client that saw the response can rely
 * on the session write.
 */
import type { HttpSession } from './http-session.js';
import type { SessionManager } from './manager.js';
import type { SessionOp } from '../../common/snapshot.js';

/** What the response must tell the client about its session cookie. */
export type CookieAction = { kind: 'none' } | { kind: 'set'; id: string } | { kind: 'clear' };

/** The cookie, and the session the request ends with (if any, valid or not). */
export type CommitOutcome = CookieAction & { session: HttpSession | undefined };

/**
 * Applies `ops` to `initial` (the session the request arrived with, if any) and commits every
 * session the request touched. Returns the cookie the response should carry.
 */
export async function commitSessionOps(
  manager: SessionManager,
  initial: HttpSession | undefined,
  ops: readonly SessionOp[],
  requestTime: number,
): Promise<CommitOutcome> {
  const initialId = initial?.getId();
  let current = initial;
  const touched = new Set<HttpSession>();
  for (const op of ops) {
    switch (op.op) {
      case 'access':
        current?.access(requestTime);
        break;
      case 'create':
        current = await manager.create(op.id, requestTime);
        break;
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
      case 'invalidate':
        current?.invalidate();
        // Removed from the store now, so a session created next counts against the cap without it.
        if (current !== undefined) await manager.commit(current);
        current = undefined;
        break;
    }
    if (current !== undefined) touched.add(current);
  }
  for (const session of touched) if (session.isValid()) await manager.commit(session);
  // A new session, or a new id for the old one (changeSessionId), gives the client a new cookie.
  if (current !== undefined && current.getId() !== initialId)
    return { kind: 'set', id: current.getId(), session: current };
  if (initial !== undefined && !initial.isValid() && current === undefined) return { kind: 'clear', session: current };
  return { kind: 'none', session: current };
}
