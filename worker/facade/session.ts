/**
 * Host half of `http/v4/session` (and v3, the alias, and v2's subset): the twelve functions of the
 * Dirigible session API, plus the `changeSessionId` extension, bound to the current RequestContext. Values cross the boundary as JSON
 * text, times as epoch ms, name lists as a JSON array; the guest wrapper converts them.
 */
import { checkAttributeName, isJsonText } from '../../common/attribute-value.js';
import { InvalidAttributeError, NoHttpRequestError } from '../../common/errors.js';
import type { Facade, RequestContext } from './context.js';
import type { SessionView } from './session-view.js';

function view(context: RequestContext | undefined, method: string): SessionView {
  if (context === undefined) throw new NoHttpRequestError(method);
  return context.session;
}

function name(method: string, value: unknown): string {
  checkAttributeName(method, value);
  return value;
}

/** The session facade, by function name. */
export const sessionFacade: Facade = {
  isValid: (context) => context !== undefined,

  getAttribute: (context, [attribute]) => {
    const session = view(context, 'getAttribute').read();
    return session.attributes.get(name('getAttribute', attribute)) ?? null;
  },

  getAttributeNames: (context) => JSON.stringify([...view(context, 'getAttributeNames').read().attributes.keys()]),

  getCreationTime: (context) => view(context, 'getCreationTime').write().creationTime,

  getId: (context) => view(context, 'getId').write().id,

  getLastAccessedTime: (context) => view(context, 'getLastAccessedTime').write().lastAccessedTime,

  getMaxInactiveInterval: (context) => view(context, 'getMaxInactiveInterval').read().maxInactiveInterval,

  invalidate: (context) => {
    view(context, 'invalidate').invalidate();
    return undefined;
  },

  isNew: (context) => view(context, 'isNew').read().isNew,

  setAttribute: (context, [attribute, json]) => {
    const sessionView = view(context, 'setAttribute');
    const key = name('setAttribute', attribute);
    if (json === undefined || json === null) return removeAttribute(sessionView, key);
    if (!isJsonText(json)) throw new InvalidAttributeError(`setAttribute: value of attribute "${key}" is not data`);
    sessionView.read();
    sessionView.ledger.set('setAttribute', key, json);
    sessionView.write().attributes.set(key, json);
    sessionView.record({ op: 'set', name: key, json });
    return undefined;
  },

  removeAttribute: (context, [attribute]) =>
    removeAttribute(view(context, 'removeAttribute'), name('removeAttribute', attribute)),

  /** Extension (servlet `HttpServletRequest.changeSessionId`): a new id for the session, attributes kept. */
  changeSessionId: (context) => view(context, 'changeSessionId').changeId(),

  setMaxInactiveInterval: (context, [interval]) => {
    const sessionView = view(context, 'setMaxInactiveInterval');
    const seconds = Math.trunc(Number(interval));
    if (!Number.isFinite(seconds))
      throw new InvalidAttributeError('setMaxInactiveInterval: interval must be a number of seconds');
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
