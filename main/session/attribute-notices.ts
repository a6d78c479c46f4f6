/**
 * The notices around a session change, in Tomcat's order (`StandardSession.setAttribute`,
 * `removeAttributeInternal`, `expire`):
 * - set: the new value's `valueBound` (before it is visible), the change, the replaced value's
 *   `valueUnbound`, then `attributeAdded` or `attributeReplaced` (with the old value);
 * - remove: the change, the value's `valueUnbound`, then `attributeRemoved`;
 * - end (invalidate or expiry): `sessionDestroyed` while attributes can be read, then every
 *   attribute removed as above;
 * - end of a session another call removed from the store first (and told): only the live values
 *   this process bound to it are unbound.
 * Events carry the live bound object when there is one, otherwise a copy of the stored data.
 */
import type { HttpSession, SessionContainer } from './http-session.js';
import { HttpSessionBindingEvent, HttpSessionEvent } from './listeners.js';
import type { SessionState } from './session-state.js';

/** Sets `name` to `json` (with `live`, the bound object it came from), telling whom it concerns. */
export function setAttributeWithNotices(
  session: HttpSession,
  state: SessionState,
  container: SessionContainer,
  name: string,
  json: string,
  live: object | undefined,
): void {
  const { listeners, boundValues } = container;
  const oldLive = boundValues.get(state.id, name);
  if (live !== undefined && live !== oldLive)
    listeners.call(live, 'valueBound', [new HttpSessionBindingEvent(session, name, live)]);
  const oldJson = state.setAttribute(name, json);
  if (live !== undefined) boundValues.set(state.id, name, live);
  else boundValues.delete(state.id, name);
  if (oldLive !== undefined && oldLive !== live)
    listeners.call(oldLive, 'valueUnbound', [new HttpSessionBindingEvent(session, name, oldLive)]);
  if (oldJson === undefined && listeners.has('attributeAdded')) {
    listeners.fire('attributeAdded', new HttpSessionBindingEvent(session, name, live ?? JSON.parse(json)));
  } else if (oldJson !== undefined && listeners.has('attributeReplaced')) {
    listeners.fire('attributeReplaced', new HttpSessionBindingEvent(session, name, oldLive ?? JSON.parse(oldJson)));
  }
}

/** Removes `name`, telling whom it concerns; nothing happens when it is absent. */
export function removeAttributeWithNotices(
  session: HttpSession,
  state: SessionState,
  container: SessionContainer,
  name: string,
): void {
  const { listeners, boundValues } = container;
  const oldJson = state.removeAttribute(name);
  if (oldJson === undefined) return;
  const oldLive = boundValues.delete(state.id, name);
  if (oldLive !== undefined)
    listeners.call(oldLive, 'valueUnbound', [new HttpSessionBindingEvent(session, name, oldLive)]);
  if (listeners.has('attributeRemoved'))
    listeners.fire('attributeRemoved', new HttpSessionBindingEvent(session, name, oldLive ?? JSON.parse(oldJson)));
}

/** Ends the session: destroyed listeners, then `invalidateNow()`, then every attribute and live value removed. */
export function endWithNotices(
  session: HttpSession,
  state: SessionState,
  container: SessionContainer,
  invalidateNow: () => void,
): void {
  container.listeners.fire('sessionDestroyed', new HttpSessionEvent(session));
  invalidateNow();
  for (const name of [...state.attributes.keys()]) removeAttributeWithNotices(session, state, container, name);
  for (const [name, live] of container.boundValues.deleteSession(state.id)) {
    container.listeners.call(live, 'valueUnbound', [new HttpSessionBindingEvent(session, name, live)]);
  }
}

/**
 * Ends a session that another call removed from the store first, and told its listeners (a
 * concurrent invalidation, an expiry found on another machine, an operator's kill): `invalidateNow()`,
 * then only the live values this process bound to it are unbound, since no other process can reach
 * them (one this process already unbound is not told again).
 */
export function endRemovedElsewhere(
  session: HttpSession,
  state: SessionState,
  container: SessionContainer,
  invalidateNow: () => void,
): void {
  invalidateNow();
  for (const [name, live] of container.boundValues.deleteSession(state.id)) {
    container.listeners.call(live, 'valueUnbound', [new HttpSessionBindingEvent(session, name, live)]);
  }
}
