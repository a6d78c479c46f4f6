/**
 * The worker side of a deferred session (facade/session-load.ts, SessionView): a run started
 * without its session asks the main process for it on the first session call, once, and the run
 * reports whether it used the session. The main process is a fake transport here.
 */
import { expect } from 'chai';
import { RequestContext } from '../../../worker/facade/context.js';
import { callFacade } from '../../../worker/facade/registry.js';
import { connectHostCalls } from '../../../worker/facade/host-connection.js';
import type { HostCall, HostCallReply } from '../../../common/host-call.js';
import type { RequestSnapshot, SessionSettings, SessionSnapshot } from '../../../common/snapshot.js';
import { REQUEST_TIME, requestSnapshot } from '../../support/request-snapshot.js';

const TIME = REQUEST_TIME;

const stored: SessionSnapshot = {
  id: 'S'.repeat(32),
  creationTime: TIME - 10_000,
  lastAccessedTime: TIME - 5000,
  maxInactiveInterval: 600,
  isNew: false,
  attributes: [['user', '"ann"']],
};

const loadedSettings: SessionSettings = {
  maxInactiveInterval: 1800,
  canCreate: true,
  maxActiveSessions: 0,
  urlParameter: null,
};

function request(cookieSent = false): RequestSnapshot {
  return requestSnapshot({ cookieSent });
}

/** A run started without its session (`deferred: 7`). */
function deferredContext(urlParameter: string | null = null, cookieSent = false): RequestContext {
  return new RequestContext(request(cookieSent), undefined, {
    maxInactiveInterval: 0,
    canCreate: false,
    maxActiveSessions: 0,
    urlParameter,
    deferred: 7,
  });
}

/** Calls a facade function as the guest does; a returned error descriptor is thrown as a coded error. */
function call(ctx: RequestContext, facade: string, fn: string, ...args: unknown[]) {
  const result = callFacade(ctx, facade, fn, args);
  if (result === null || typeof result !== 'object') return result;
  throw Object.assign(new Error(result.message), { name: result.name, code: result.code });
}

describe('deferred session load (worker side)', () => {
  let calls: HostCall[];
  let answer: (call: HostCall) => HostCallReply;

  beforeEach(() => {
    calls = [];
    answer = (call) => ({ id: call.id, ok: true, session: stored, settings: loadedSettings });
    connectHostCalls((call) => {
      calls.push(call);
      return { reply: answer(call), body: new Uint8Array(0) };
    }, 10_000);
  });

  it('a run that never calls the session makes no call and reports it unused', () => {
    const ctx = deferredContext();
    call(ctx, 'response', 'print', 'hello');
    expect(calls).to.deep.equal([]);
    expect(ctx.session.used).to.equal(false);
    expect(ctx.session.ops).to.deep.equal([]);
  });

  it('the first session call loads the session once, naming the run, and answers from it', () => {
    const ctx = deferredContext();
    expect(call(ctx, 'session', 'getAttribute', 'user')).to.equal('"ann"');
    expect(call(ctx, 'session', 'getId')).to.equal(stored.id);
    expect(call(ctx, 'session', 'isNew')).to.equal(false);
    expect(calls).to.have.length(1);
    expect(calls[0]).to.include({ type: 'session', token: 7 });
    expect((calls[0] as { timeoutMs: number }).timeoutMs).to.be.within(1, 10_000);
    expect(ctx.session.used).to.equal(true);
    expect(ctx.session.ops).to.deep.equal([{ op: 'access' }]);
  });

  it('with no stored session the load gives the settings, and a new session is created as usual', () => {
    answer = (call) => ({ id: call.id, ok: true, settings: loadedSettings });
    const ctx = deferredContext();
    call(ctx, 'session', 'setAttribute', 'user', '"bob"');
    const [create, set] = ctx.session.ops;
    expect(create).to.include({ op: 'create' });
    expect(set).to.deep.equal({ op: 'set', name: 'user', json: '"bob"' });
    expect(call(ctx, 'session', 'getMaxInactiveInterval')).to.equal(1800);
  });

  it('a store that did not answer gives ERR_STORE_UNAVAILABLE from every session call, as an eager run', () => {
    answer = (call) => ({ id: call.id, ok: true, settings: { ...loadedSettings, storeUnavailable: 'timed out' } });
    const ctx = deferredContext();
    expect(() => call(ctx, 'session', 'getAttribute', 'user'))
      .to.throw()
      .with.property('code', 'ERR_STORE_UNAVAILABLE');
    expect(() => call(ctx, 'session', 'setAttribute', 'a', '"b"'))
      .to.throw()
      .with.property('code', 'ERR_STORE_UNAVAILABLE');
    expect(calls).to.have.length(1);
    expect(ctx.session.ops).to.deep.equal([]);
  });

  it('a refused load throws its coded error from every session call and is not asked again', () => {
    answer = (call) => ({
      id: call.id,
      ok: false,
      error: { name: 'SessionLockedError', code: 'ERR_SESSION_LOCKED', message: 'the session is busy' },
    });
    const ctx = deferredContext();
    expect(() => call(ctx, 'session', 'getAttribute', 'user'))
      .to.throw()
      .with.property('code', 'ERR_SESSION_LOCKED');
    expect(() => call(ctx, 'session', 'getId'))
      .to.throw()
      .with.property('code', 'ERR_SESSION_LOCKED');
    expect(calls).to.have.length(1);
  });

  it('encodeURL loads the session only when it may add the id (URL rewriting on, no cookie sent)', () => {
    const off = deferredContext(null);
    expect(call(off, 'response', 'encodeURL', '/x')).to.equal('/x');
    const cookie = deferredContext('jsessionid', true);
    expect(call(cookie, 'response', 'encodeURL', '/x')).to.equal('/x');
    expect(calls).to.deep.equal([]);
    const rewriting = deferredContext('jsessionid', false);
    expect(call(rewriting, 'response', 'encodeURL', 'b.js')).to.include(`;jsessionid=${stored.id}`);
    expect(calls).to.have.length(1);
    expect(rewriting.session.used).to.equal(true);
  });
});
