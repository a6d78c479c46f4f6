/**
 * The main process's side of deferred sessions (deferred-sessions.ts, deferred-session.ts): the
 * session is opened only when the run's worker asks, once, for a run that worker holds; the hold
 * ends with the request even when the load ends later; a failed load fails the request.
 */
import { expect } from 'chai';
import { SessionLockedError } from '../../../common/errors.js';
import type { HostCall } from '../../../common/host-call.js';
import type { RunMessage } from '../../../common/protocol.js';
import type { SessionOp, SessionSettings, SessionSnapshot } from '../../../common/snapshot.js';
import { DeferredSessions } from '../../../main/server/deferred-sessions.js';
import type { ScriptSession } from '../../../main/server/script-session.js';
import type { HostCallHandler } from '../../../main/supervisor/host-calls.js';

const snapshot: SessionSnapshot = {
  id: 'S'.repeat(32),
  creationTime: 1,
  lastAccessedTime: 2,
  maxInactiveInterval: 600,
  isNew: false,
  attributes: [['user', '"ann"']],
};

/** A script session that records what was done to it. */
class FakeSession implements ScriptSession {
  readonly closed: Array<readonly SessionOp[]> = [];
  released = false;
  urlParameter: string | null | undefined;
  snapshot(): SessionSnapshot {
    return snapshot;
  }
  async settings(urlParameter: string | null): Promise<SessionSettings> {
    this.urlParameter = urlParameter;
    return { maxInactiveInterval: 1800, canCreate: true, maxActiveSessions: 0, urlParameter };
  }
  async close(ops: readonly SessionOp[]): Promise<Array<[string, string]>> {
    this.closed.push(ops);
    this.release();
    return [['Set-Cookie', 'JSESSIONID=x']];
  }
  release(): void {
    this.released = true;
  }
}

/** The run a worker holds for a deferred session with `token`. */
function run(token: number): RunMessage {
  return { settings: { deferred: token } } as unknown as RunMessage;
}

function sessionCall(token: number): HostCall {
  return { type: 'session', id: 3, token, timeoutMs: 1000 };
}

const refuseOthers: HostCallHandler = async () => {
  throw new Error('not a session call');
};

describe('deferred sessions (main process)', () => {
  it('a run that never asks opens nothing, closes with no cookie and is forgotten', async () => {
    const registry = new DeferredSessions();
    let opened = 0;
    const deferred = registry.defer(async () => {
      opened++;
      return new FakeSession();
    });
    const settings = await deferred.settings('jsessionid');
    expect(settings).to.include({ deferred: deferred.token, urlParameter: 'jsessionid' });
    expect(deferred.snapshot()).to.equal(undefined);
    expect(await deferred.close([])).to.deep.equal([]);
    deferred.release();
    expect(opened).to.equal(0);
    expect(registry.size).to.equal(0);
  });

  it("answers the worker's call with the session and settings an eager run gets, opened once", async () => {
    const registry = new DeferredSessions();
    const fake = new FakeSession();
    const waits: number[] = [];
    const deferred = registry.defer(async (maxLockWaitMs) => {
      waits.push(maxLockWaitMs);
      return fake;
    });
    await deferred.settings(null);
    const handler = registry.hostCalls(refuseOthers);
    const { reply } = await handler(sessionCall(deferred.token), new Uint8Array(0), [run(deferred.token)]);
    expect(reply).to.deep.equal({
      id: 3,
      ok: true,
      session: snapshot,
      settings: { maxInactiveInterval: 1800, canCreate: true, maxActiveSessions: 0, urlParameter: null },
    });
    await handler(sessionCall(deferred.token), new Uint8Array(0), [run(deferred.token)]);
    expect(waits).to.deep.equal([1000]);
    expect(deferred.snapshot()).to.equal(snapshot);
    const ops: SessionOp[] = [{ op: 'access' }];
    expect(await deferred.close(ops)).to.deep.equal([['Set-Cookie', 'JSESSIONID=x']]);
    expect(fake.closed).to.deep.equal([ops]);
    deferred.release();
    expect(fake.released).to.equal(true);
    expect(registry.size).to.equal(0);
  });

  it("refuses a call for a run the worker does not hold (another worker's request)", async () => {
    const registry = new DeferredSessions();
    let opened = 0;
    const deferred = registry.defer(async () => {
      opened++;
      return new FakeSession();
    });
    const handler = registry.hostCalls(refuseOthers);
    let refused: unknown;
    await handler(sessionCall(deferred.token), new Uint8Array(0), [run(deferred.token + 1)]).catch((error) => {
      refused = error;
    });
    expect(refused).to.have.property('code', 'ERR_INVALID_ARG');
    expect(opened).to.equal(0);
    deferred.release();
  });

  it('passes every other call on', async () => {
    const registry = new DeferredSessions();
    const handler = registry.hostCalls(async (call) => ({
      reply: { id: call.id, ok: false, error: { name: 'E', code: 'X', message: 'm' } },
    }));
    const { reply } = await handler({ type: 'http-client' } as HostCall, new Uint8Array(0), []);
    expect(reply).to.include({ ok: false });
  });

  it('a session opened after the request ended (its worker died meanwhile) is released at once', async () => {
    const registry = new DeferredSessions();
    const fake = new FakeSession();
    let finishOpen: (session: ScriptSession) => void = () => undefined;
    const deferred = registry.defer(() => new Promise((resolve) => (finishOpen = resolve)));
    const loading = deferred.load(1000);
    deferred.release();
    finishOpen(fake);
    await loading;
    expect(fake.released).to.equal(true);
  });

  it('a failed load (the session lock not free) fails the close, so the request answers its error', async () => {
    const registry = new DeferredSessions();
    const deferred = registry.defer(async () => {
      throw new SessionLockedError(1000);
    });
    const handler = registry.hostCalls(refuseOthers);
    let refused: unknown;
    await handler(sessionCall(deferred.token), new Uint8Array(0), [run(deferred.token)]).catch((error) => {
      refused = error;
    });
    expect(refused).to.have.property('code', 'ERR_SESSION_LOCKED');
    let failed: unknown;
    await deferred.close([]).catch((error) => {
      failed = error;
    });
    expect(failed).to.have.property('code', 'ERR_SESSION_LOCKED');
    expect(registry.size).to.equal(0);
  });
});
