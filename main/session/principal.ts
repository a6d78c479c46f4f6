/**
 * The principal of a session: whose it is, so operators can find and end a user's sessions. It is
 * the value of the attribute the embedder names (`principalAttribute`; a string, or a number taken
 * as text), or else the authenticated user of the request, when the runtime knows one; a request
 * with no user leaves the one recorded (unless `principalAttribute` is set). After a request's
 * session is stored, or a session the host commits, a changed principal is recorded with the
 * store's index.
 */
import { ApplicationStore } from './application-store.js';
import type { HttpSession } from './http-session.js';
import type { SessionManager } from './manager.js';
import type { MaybePromise } from '../../common/maybe-promise.js';

/** The principal `session` has now, or `undefined`. */
export function principalOf(
  session: HttpSession,
  attribute: string | undefined,
  user: string | undefined,
): string | undefined {
  if (attribute !== undefined) {
    const value = session.getAttribute(attribute);
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return user === '' ? undefined : user;
}

/**
 * Records the principal of the session a request ended with, when the store keeps an index and
 * the principal changed, or the request made the session or gave it a new id (`madeId`; not a
 * new id another request's rotation gave it: that request recorded its own). Nothing to record is
 * done at once, without a promise. Used after a request (`user` its authenticated user) and after
 * the host's `SessionManager.commit` (no user: the principal attribute, when the embedder names one).
 */
export function recordPrincipal(
  manager: SessionManager,
  session: HttpSession | undefined,
  madeId: boolean,
  user: string | undefined,
): MaybePromise<void> {
  const store = manager.store;
  if (store.setPrincipal === undefined || session === undefined || !session.isValid()) return;
  if (session.getStoredId() === undefined) return;
  const previous = session.getStoredPrincipal();
  // A request with no user (a public page visited in a session a user logged in to) leaves the
  // recorded user in place, as a servlet container keeps the principal it cached in the session.
  // With `principalAttribute` set, the attribute is the app's login: without it, there is none.
  const principal =
    principalOf(session, manager.principalAttribute, user) ??
    (manager.principalAttribute === undefined ? previous : undefined);
  if (principal === previous && !madeId) return;
  if (principal === undefined && madeId) return;
  const recorded = new ApplicationStore(store, manager.servletContext.name).setPrincipal(
    session.getId(),
    principal,
    previous,
  );
  return recorded.then((done) => {
    if (done) session.markPrincipalStored(principal);
  });
}
