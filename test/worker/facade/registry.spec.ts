/**
 * The facade registry: the kernel calls facade functions by number (`FACADE_FUNCTIONS`), and a
 * number answers exactly as the function's names do; anything else is an unknown function.
 */
import { expect } from 'chai';
import { RequestContext } from '../../../worker/facade/context.js';
import { callFacade, callFacadeNumbered, FACADE_FUNCTIONS } from '../../../worker/facade/registry.js';
import { requestSnapshot } from '../../support/request-snapshot.js';

function context(): RequestContext {
  return new RequestContext(requestSnapshot(), undefined, {
    maxInactiveInterval: 1800,
    canCreate: true,
    maxActiveSessions: 0,
    urlParameter: null,
  });
}

describe('facade registry', () => {
  it('numbers every facade function once, with isValid for each facade', () => {
    const names = FACADE_FUNCTIONS.map(([facade, fn]) => `${facade}.${fn}`);
    expect(new Set(names).size).to.equal(names.length);
    for (const facade of ['session', 'request', 'response', 'console', 'upload', 'client', 'rs', 'assert'])
      expect(names, facade).to.include(`${facade}.isValid`);
    expect(names).to.include.members(['session.getAttribute', 'session.setAttribute', 'response.print']);
  });

  it('a number answers as the names do', () => {
    const number = (facade: string, fn: string) =>
      FACADE_FUNCTIONS.findIndex(([name, function_]) => name === facade && function_ === fn);
    const ctx = context();
    expect(callFacadeNumbered(ctx, number('session', 'setAttribute'), ['a', '"1"'])).to.equal(undefined);
    expect(callFacadeNumbered(ctx, number('session', 'getAttribute'), ['a'])).to.equal('"1"');
    expect(callFacadeNumbered(ctx, number('request', 'getMethod'), [])).to.equal(
      callFacade(ctx, 'request', 'getMethod', []),
    );
    expect(callFacadeNumbered(undefined, number('session', 'isValid'), [])).to.equal(false);
    expect(callFacadeNumbered(undefined, number('session', 'getId'), [])).to.include({ code: 'ERR_NO_HTTP_REQUEST' });
  });

  it('-1, a number past the table, a fraction or a string is an unknown function, named by the arguments the kernel passes', () => {
    expect(callFacadeNumbered(context(), -1, ['session', 'nope'])).to.deep.include({
      name: 'TypeError',
      code: 'ERR_UNKNOWN_FUNCTION',
      message: 'session.nope is not a function',
    });
    for (const number of [FACADE_FUNCTIONS.length, 1.5, '0', Number.NaN])
      expect(callFacadeNumbered(context(), number, [])).to.include({ code: 'ERR_UNKNOWN_FUNCTION' });
  });
});
