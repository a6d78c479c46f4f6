/**
 * The session container on a fake clock: expiry exactly at the interval, `<= 0` never expires,
 * last-accessed and isNew rules, the sweep, strict ids, the session cap.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { SessionManager } from '../../../main/session/manager.js';
import { generateSessionId, isWellFormedSessionId } from '../../../common/ids.js';

describe('SessionManager', () => {
  let now: number;
  const clock = { now: () => now };
  let manager: SessionManager;

  beforeEach(() => {
    now = 1_000_000;
    manager = new SessionManager({ clock, sweepInterval: 0 });
  });
  afterEach(() => manager.close());

  async function stored(interval = 60): Promise<string> {
    const session = await manager.create();
    session.setMaxInactiveInterval(interval);
    session.setAttribute('a', 1);
    await manager.commit(session);
    return session.getId();
  }

  describe('expiry', () => {
    it('keeps a session idle for one millisecond less than its interval', async () => {
      const id = await stored(60);
      now += 60_000 - 1;
      expect(await manager.find(id)).to.not.equal(undefined);
    });

    it('expires a session idle for exactly its interval, and removes it from the store', async () => {
      const id = await stored(60);
      now += 60_000;
      expect(await manager.find(id)).to.equal(undefined);
      expect(await manager.store.get(manager.storeKey(id))).to.equal(undefined);
    });

    it('never expires a session whose interval is 0 or negative', async () => {
      const zero = await stored(0);
      const negative = await stored(-1);
      now += 10 * 365 * 24 * 3600 * 1000;
      expect(await manager.find(zero)).to.not.equal(undefined);
      expect(await manager.find(negative)).to.not.equal(undefined);
      expect(await manager.sweep()).to.equal(0);
    });

    it('measures idle time from the last access, not from creation', async () => {
      const id = await stored(60);
      now += 50_000;
      const session = await manager.find(id);
      session?.access(now);
      if (session) await manager.commit(session);
      now += 50_000;
      expect(await manager.find(id)).to.not.equal(undefined);
    });

    it('does not expire a session in use by a request', async () => {
      const id = await stored(60);
      manager.acquire(id);
      now += 120_000;
      expect(await manager.find(id)).to.not.equal(undefined);
      expect(await manager.sweep()).to.equal(0);
      manager.release(id);
      expect(await manager.sweep()).to.equal(1);
    });
  });

  describe('sweep', () => {
    let timers: sinon.SinonFakeTimers | undefined;
    afterEach(() => {
      timers?.restore();
      timers = undefined;
    });

    it('removes exactly the expired sessions', async () => {
      const short = await stored(10);
      const long = await stored(100);
      now += 10_000;
      expect(await manager.sweep()).to.equal(1);
      expect(await manager.store.get(manager.storeKey(short))).to.equal(undefined);
      expect(await manager.store.get(manager.storeKey(long))).to.not.equal(undefined);
    });

    it('a sweep asked for while one is under way joins it: each expired session is destroyed once', async () => {
      // The timer's sweep and the cap's sweep for room (or an embedder's) may overlap.
      const destroyed: string[] = [];
      manager.addListener({ sessionDestroyed: (event) => destroyed.push(event.session.getId()) });
      const id = await stored(10);
      now += 10_000;
      expect(await Promise.all([manager.sweep(), manager.sweep()])).to.deep.equal([1, 1]);
      expect(destroyed).to.deep.equal([id]);
      expect(await manager.sweep()).to.equal(0);
    });

    it('runs periodically on its timer', async () => {
      const fake = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      timers = fake;
      const swept = new SessionManager({ clock, sweepInterval: 1000 });
      try {
        const session = await swept.create();
        session.setMaxInactiveInterval(1);
        await swept.commit(session);
        now += 1000;
        await fake.tickAsync(1000);
        expect(await swept.store.get(swept.storeKey(session.getId()))).to.equal(undefined);
      } finally {
        await swept.close();
      }
    });
  });

  describe('last accessed time and isNew', () => {
    it('a new session reports its creation time as last accessed time and is new', async () => {
      const session = await manager.create();
      expect(session.getLastAccessedTime()).to.equal(session.getCreationTime());
      expect(session.isNew()).to.equal(true);
    });

    it('reading or writing attributes does not change the last accessed time', async () => {
      const id = await stored();
      const session = await manager.find(id);
      const before = session?.getLastAccessedTime();
      now += 5000;
      session?.setAttribute('b', 2);
      session?.getAttribute('a');
      expect(session?.getLastAccessedTime()).to.equal(before);
    });

    it('a session found by the id the client returned is no longer new', async () => {
      const id = await stored();
      expect((await manager.find(id))?.isNew()).to.equal(false);
    });
  });

  describe('strict ids', () => {
    it('never adopts an id it did not issue', async () => {
      expect(await manager.find(generateSessionId())).to.equal(undefined);
      expect(await manager.find('not an id')).to.equal(undefined);
      expect(await manager.find(undefined)).to.equal(undefined);
    });

    it('does not find an invalidated session', async () => {
      const id = await stored();
      const session = await manager.find(id);
      session?.invalidate();
      if (session) expect(await manager.commit(session)).to.equal('destroyed');
      expect(await manager.find(id)).to.equal(undefined);
    });

    it('a write to a session removed meanwhile does not bring it back', async () => {
      const id = await stored();
      const first = await manager.find(id);
      const second = await manager.find(id);
      second?.invalidate();
      if (second) await manager.commit(second);
      first?.setAttribute('late', true);
      if (first) expect(await manager.commit(first)).to.equal('gone');
      expect(await manager.store.get(manager.storeKey(id))).to.equal(undefined);
    });

    it('ids have at least 128 bits and are URL-safe', () => {
      const id = generateSessionId();
      expect(isWellFormedSessionId(id)).to.equal(true);
      expect(Buffer.from(id, 'base64url').length * 8).to.be.at.least(128);
      expect(id).to.match(/^[A-Za-z0-9_-]+$/);
    });
  });

  describe('concurrent requests', () => {
    it('two requests changing different attributes both keep their change', async () => {
      const id = await stored();
      const first = await manager.find(id);
      const second = await manager.find(id);
      first?.setAttribute('x', 1);
      second?.setAttribute('y', 2);
      if (first && second) await Promise.all([manager.commit(first), manager.commit(second)]);
      const record = await manager.store.get(manager.storeKey(id));
      expect(Object.fromEntries(record?.attributes ?? [])).to.deep.equal({ a: '1', x: '1', y: '2' });
    });
  });

  describe('session cap', () => {
    it('refuses to create a session beyond maxActiveSessions with ERR_SESSION_LIMIT', async () => {
      const capped = new SessionManager({ clock, sweepInterval: 0, maxActiveSessions: 1, store: new MemoryStore() });
      await capped.commit(await capped.create());
      const error = await capped.create().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.have.property('code', 'ERR_SESSION_LIMIT');
      expect(error).to.have.property('status', 503);
      await capped.close();
    });
  });

  describe('options', () => {
    it('rejects bad options naming them', () => {
      expect(() => new SessionManager({ maxActiveSessions: 0 })).to.throw(/maxActiveSessions/);
      expect(() => new SessionManager({ sweepInterval: -1 })).to.throw(/sweepInterval/);
      expect(() => new SessionManager({ maxInactiveInterval: Number.NaN })).to.throw(/maxInactiveInterval/);
    });
  });
});
