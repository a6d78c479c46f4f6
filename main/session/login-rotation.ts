/**
 * Session fixation defence at authentication: when the container's user (the `authenticate`
 * option, the CLI's users file, or an Express app's `req.user`) binds a principal to a stored
 * session that had another principal or none, the request's commit gives the session a new id,
 * as `changeSessionId()` does (Tomcat's `changeSessionIdOnAuthentication`). A session created in
 * the request needs none (its id is new), nor one whose recorded principal is already the user.
 *
 * What the session "had" is the principal the store recorded for it (principal.ts), so it takes a
 * store that records principals (`setPrincipal`: `MemoryStore`, `RedisStore`); with a store
 * without, a returning user cannot be told from a login, and nothing is rotated. With
 * `principalAttribute`, a session whose attribute names its principal is the app's: the user does
 * not decide its principal, and its own login rotates the id.
 */
import type { HttpSession } from './http-session.js';
import type { SessionManager } from './manager.js';
import { principalOf } from './principal.js';

/**
 * True when `user` (the request's authenticated user, if any) gives `session` (the stored session
 * the request arrived with) a principal other than the one the store recorded for it. Costs a few
 * comparisons when the recorded principal is already the user (a returning user's request).
 */
export function bindsNewPrincipal(manager: SessionManager, session: HttpSession, user: string | undefined): boolean {
  if (user === undefined || user === '' || session.getStoredPrincipal() === user) return false;
  if (manager.store.setPrincipal === undefined || session.getStoredId() === undefined) return false;
  const attribute = manager.principalAttribute;
  return attribute === undefined || principalOf(session, attribute, undefined) === undefined;
}
