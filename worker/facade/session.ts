/**
 * Host half of `http/v4/session` (and v3, the alias, and v2's subset): the twelve functions of the
 * Dirigible session API, plus the `changeSessionId` extension, bound to the current RequestContext. Values cross the boundary as JSON
 * text, times as epoch ms, name lists as a JSON array; the guest wrapper converts them.
 */
import { checkAttributeJson, checkAttributeName } from '../../common/attribute-value.js';
import { intervalSeconds } from '../../common/interval-seconds.js';
import type { Facade } from './context.js';
import type { SessionView } from './session-view.js';

function name(method: string, value: unknown): string {
  checkAttributeName(method, value);
  return value;
}

/** The session facade, by function name. */
export const sessionFacade: Facade = {
  getAttribute: (context, [attribute]) => {
    const session = context.session.read();
    return session.attributes.get(name('getAttribute', attribute)) ?? null;
  },

  getAttributeNames: (context) => JSON.stringify([...context.session.read().attributes.keys()]),

  getCreationTime: (context) => context.session.write().creationTime,

  getId: (context) => context.session.write().id,

  getLastAccessedTime: (context) => context.session.write().lastAccessedTime,

  getMaxInactiveInterval: (context) => context.session.read().maxInactiveInterval,

  invalidate: (context) => {
    context.session.invalidate();
    return undefined;
  },

  isNew: (context) => context.session.read().isNew,

  setAttribute: (context, [attribute, json]) => {
    const sessionView = context.session;
    const key = name('setAttribute', attribute);
    if (json === undefined || json === null) return removeAttribute(sessionView, key);
    checkAttributeJson(key, json);
    sessionView.read();
    sessionView.ledger.set('setAttribute', key, json);
    sessionView.write().attributes.set(key, json);
    sessionView.record({ op: 'set', name: key, json });
    return undefined;
  },

  removeAttribute: (context, [attribute]) => removeAttribute(context.session, name('removeAttribute', attribute)),

  /** Extension (servlet `HttpServletRequest.changeSessionId`): a new id for the session, attributes kept. */
  changeSessionId: (context) => context.session.changeId(),

  setMaxInactiveInterval: (context, [interval]) => {
    const sessionView = context.session;
    const seconds = intervalSeconds('setMaxInactiveInterval', interval);
    sessionView.write().maxInactiveInterval = seconds;
    sessionView.record({ op: 'maxInactiveInterval', seconds });
    return undefined;
  },
};

function removeAttribute(sessionView: SessionView, key: string): undefined {
  if (!sessionView.read().attributes.has(key)) return undefined;
  sessionView.ledger.remove(key);
  sessionView.write().attributes.delete(key);
  sessionView.record({ op: 'remove', name: key });
  return undefined;
}
