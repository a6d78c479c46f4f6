/**
 * The session facade, row by row of DESIGN.md's script-semantics table, driven through the facade
 * registry with a RequestContext (the worker side, without an isolate).
 */
import { expect } from 'chai';
import { RequestContext } from '../../../worker/facade/context.js';
import { callFacade } from '../../../worker/facade/registry.js';
import { sessionFacade } from '../../../worker/facade/session.js';
import type { SessionSnapshot } from '../../../common/snapshot.js';
import { REQUEST_TIME, requestSnapshot } from '../../support/request-snapshot.js';

const TIME = REQUEST_TIME;

const stored: SessionSnapshot = {
  id: 'S'.repeat(32),
  creationTime: TIME - 10_000,
  lastAccessedTime: TIME - 5000,
  maxInactiveInterval: 600,
  isNew: false,
  attributes: [
    ['first', '"1"'],
    ['second', '{"n":2}'],
  ],
};

function context(session?: SessionSnapshot): RequestContext {
  return new RequestContext(requestSnapshot(), session, {
    maxInactiveInterval: 1800,
    canCreate: true,
    maxActiveSessions: 0,
    urlParameter: null,
  });
}

/** Calls a session function as the guest does; a returned error descriptor is thrown as a coded error. */
function call(ctx: RequestContext | undefined, fn: string, ...args: unknown[]) {
  const result = callFacade(ctx, 'session', fn, args);
  if (result === null || typeof result !== 'object') return result;
  throw Object.assign(new Error(result.message), { name: result.name, code: result.code });
}

describe('session facade', () => {
  describe('isValid()', () => {
    it('is true during an HTTP request and false outside, never throwing', () => {
      expect(call(context(), 'isValid')).to.equal(true);
      expect(call(undefined, 'isValid')).to.equal(false);
    });
  });

  describe('outside an HTTP request', () => {
    for (const fn of Object.keys(sessionFacade).filter((name) => name !== 'isValid')) {
      it(`${fn}() throws ERR_NO_HTTP_REQUEST naming the function`, () => {
        expect(() => call(undefined, fn, 'a', '"v"'))
          .to.throw(new RegExp(`^${fn}:`))
          .with.property('code', 'ERR_NO_HTTP_REQUEST');
      });
    }
  });

  describe('getAttribute(name)', () => {
    it('returns the stored JSON, or null when absent', () => {
      const ctx = context(stored);
      expect(call(ctx, 'getAttribute', 'second')).to.equal('{"n":2}');
      expect(call(ctx, 'getAttribute', 'missing')).to.equal(null);
    });
  });

  describe('getAttributeNames()', () => {
    it('lists names in insertion order', () => {
      const ctx = context(stored);
      call(ctx, 'setAttribute', 'third', '3');
      expect(JSON.parse(String(call(ctx, 'getAttributeNames')))).to.deep.equal(['first', 'second', 'third']);
    });
  });

  describe('getCreationTime() / getLastAccessedTime()', () => {
    it('report the stored times of an existing session', () => {
      const ctx = context(stored);
      expect(call(ctx, 'getCreationTime')).to.equal(stored.creationTime);
      expect(call(ctx, 'getLastAccessedTime')).to.equal(stored.lastAccessedTime);
    });

    it('a new session reports the request time for both', () => {
      const ctx = context();
      expect(call(ctx, 'getCreationTime')).to.equal(TIME);
      expect(call(ctx, 'getLastAccessedTime')).to.equal(TIME);
    });
  });

  describe('getId()', () => {
    it('returns the id, and for a new session materializes it', () => {
      expect(call(context(stored), 'getId')).to.equal(stored.id);
      const ctx = context();
      const id = call(ctx, 'getId');
      expect(ctx.session.ops).to.deep.equal([{ op: 'create', id }]);
    });
  });

  describe('getMaxInactiveInterval() / setMaxInactiveInterval(s)', () => {
    it('reads the default for a new session and truncates what is set', () => {
      const ctx = context();
      expect(call(ctx, 'getMaxInactiveInterval')).to.equal(1800);
      call(ctx, 'setMaxInactiveInterval', 90.9);
      expect(call(ctx, 'getMaxInactiveInterval')).to.equal(90);
      expect(ctx.session.ops.at(-1)).to.deep.equal({ op: 'maxInactiveInterval', seconds: 90 });
    });

    it('rejects a value that is not a number', () => {
      expect(() => call(context(), 'setMaxInactiveInterval', 'soon'))
        .to.throw(/setMaxInactiveInterval/)
        .with.property('name', 'TypeError');
    });

    it('rejects null, booleans and empty strings instead of reading them as 0 (never expires)', () => {
      const ctx = context(stored);
      for (const bad of [null, undefined, true, false, '', ' ', Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => call(ctx, 'setMaxInactiveInterval', bad), String(bad))
          .to.throw(/setMaxInactiveInterval: interval must be a number of seconds/)
          .with.property('code', 'ERR_INVALID_ATTRIBUTE');
      }
      expect(call(ctx, 'getMaxInactiveInterval')).to.equal(600);
      expect(ctx.session.ops.map((op) => op.op)).to.deep.equal(['access']);
    });

    it("clamps a huge interval to Java's int range (a Redis TTL it can hold) and takes a numeric string", () => {
      const ctx = context(stored);
      call(ctx, 'setMaxInactiveInterval', 1e300);
      expect(call(ctx, 'getMaxInactiveInterval')).to.equal(2_147_483_647);
      call(ctx, 'setMaxInactiveInterval', -1e17);
      expect(call(ctx, 'getMaxInactiveInterval')).to.equal(-2_147_483_648);
      call(ctx, 'setMaxInactiveInterval', '60');
      expect(ctx.session.ops.at(-1)).to.deep.equal({ op: 'maxInactiveInterval', seconds: 60 });
    });
  });

  describe('invalidate()', () => {
    it('ends the session; the next call starts a fresh one with a new id', () => {
      const ctx = context(stored);
      call(ctx, 'invalidate');
      expect(call(ctx, 'isNew')).to.equal(true);
      expect(call(ctx, 'getAttribute', 'first')).to.equal(null);
      const id = call(ctx, 'getId');
      expect(id).to.not.equal(stored.id);
      expect(ctx.session.ops.map((op) => op.op)).to.deep.equal(['access', 'invalidate', 'create']);
    });
  });

  describe('isNew()', () => {
    it('is true for a session created in this request and false for a returning one', () => {
      expect(call(context(), 'isNew')).to.equal(true);
      expect(call(context(stored), 'isNew')).to.equal(false);
    });
  });

  describe('setAttribute(name, value)', () => {
    it('replaces a value in place', () => {
      const ctx = context(stored);
      call(ctx, 'setAttribute', 'first', '"one"');
      expect(call(ctx, 'getAttribute', 'first')).to.equal('"one"');
      expect(JSON.parse(String(call(ctx, 'getAttributeNames')))).to.deep.equal(['first', 'second']);
    });

    it('with a null or undefined value removes the attribute', () => {
      const ctx = context(stored);
      call(ctx, 'setAttribute', 'first', null);
      call(ctx, 'setAttribute', 'second', undefined);
      expect(JSON.parse(String(call(ctx, 'getAttributeNames')))).to.deep.equal([]);
      expect(ctx.session.ops.filter((op) => op.op === 'remove')).to.have.length(2);
    });

    it('throws a TypeError for a name that is not a non-empty string', () => {
      for (const name of ['', undefined, null, 5]) {
        expect(() => call(context(), 'setAttribute', name, '"v"'))
          .to.throw(/attribute name/)
          .with.property('code', 'ERR_INVALID_ATTRIBUTE');
      }
    });

    it('throws a TypeError for text that is not JSON, storing nothing', () => {
      const ctx = context();
      expect(() => call(ctx, 'setAttribute', 'a', '{not json'))
        .to.throw(/not data/)
        .with.property('name', 'TypeError');
      expect(ctx.session.ops).to.deep.equal([]);
    });
  });

  describe('removeAttribute(name)', () => {
    it('removes, and is a no-op when absent', () => {
      const ctx = context(stored);
      call(ctx, 'removeAttribute', 'first');
      call(ctx, 'removeAttribute', 'missing');
      expect(ctx.session.ops).to.deep.equal([{ op: 'access' }, { op: 'remove', name: 'first' }]);
    });
  });

  describe('persistence rule', () => {
    it('a session that was only read records nothing: not stored, no cookie', () => {
      const ctx = context();
      call(ctx, 'getAttribute', 'x');
      call(ctx, 'getAttributeNames');
      call(ctx, 'isNew');
      call(ctx, 'getMaxInactiveInterval');
      call(ctx, 'removeAttribute', 'x');
      expect(ctx.session.ops).to.deep.equal([]);
    });

    it('a write creates it first, then records the change', () => {
      const ctx = context();
      call(ctx, 'setAttribute', 'a', '1');
      expect(ctx.session.ops.map((op) => op.op)).to.deep.equal(['create', 'set']);
    });

    it('the session cap turns creation into ERR_SESSION_LIMIT', () => {
      const ctx = new RequestContext(requestSnapshot(), undefined, {
        maxInactiveInterval: 1800,
        canCreate: false,
        maxActiveSessions: 3,
        urlParameter: null,
      });
      expect(() => call(ctx, 'setAttribute', 'a', '1'))
        .to.throw(/limit of 3/)
        .with.property('code', 'ERR_SESSION_LIMIT');
    });
  });
});
