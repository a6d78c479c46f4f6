/**
 * Applies a script's session changes in the main process, in the order the script made them,
 * with servlet rules, then writes them to the store. Runs before the response is sent, so a
 * client that saw the response can rely on the session write.
 */
import type { HttpSession } from '../session/http-session.js';
import type { SessionManager } from '../session/manager.js';
import type { SessionOp } from './snapshot.js';

/** What the response must tell the client about its session cookie. */
export type CookieAction = { kind: 'none' } | { kind: 'set'; id: string } | { kind: 'clear' };

/**
 * Applies `ops` to `initial` (the session the request arrived with, if any) and commits every
 * session the request touched. Returns the cookie the response should carry.
 */
export async function commitSessionOps(manager: SessionManager, initial: HttpSession | undefined, ops: readonly SessionOp[], requestTime: number): Promise<CookieAction> {
  let current = initial;
  const touched: HttpSession[] = [];
  for (const op of ops) {
    switch (op.op) {
      case 'access':
        if (current !== undefined) {
          current.access(requestTime);
          touched.push(current);
        }
        break;
      case 'create':
        current = await manager.create(op.id, requestTime);
        touched.push(current);
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
      case 'invalidate':
        current?.invalidate();
        current = undefined;
        break;
    }
  }
  for (const session of touched) await manager.commit(session);
  if (current !== undefined && current.isCreated()) return { kind: 'set', id: current.getId() };
  if (initial !== undefined && !initial.isValid() && current === undefined) return { kind: 'clear' };
  return { kind: 'none' };
}
