/**
 * Id rotation (session fixation defence): `HttpSession.changeSessionId()` on the host and the
 * `session.changeSessionId()` extension of `http/v4/session`.
 */
import { expect } from 'chai';
import { MemoryStore } from '../../../main/session/memory-store.js';
import type { Harness } from '../../support/runtime-harness.js';
import { startRuntime } from '../../support/runtime-harness.js';
import { managerFixture } from '../../support/manager-fixture.js';
import { startGate } from '../../support/gate-server.js';

interface Rotation {
  oldId: string;
  newId: string;
  idAfter: string;
  user: string | null;
  isNew: boolean;
}

describe('session id rotation', () => {
  describe('HttpSession.changeSessionId()', () => {
    it('changeSessionIdTest: keeps attributes and times, moves the stored session to the new id', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ user: 'ann' });
      const oldId = session.getId();
      const newId = session.changeSessionId();
      expect(newId)
        .to.match(/^[A-Za-z0-9_-]{32}$/)
        .and.not.equal(oldId);
      expect(session.getId()).to.equal(newId);
      expect(await manager.commit(session)).to.equal('saved');
      expect(await manager.find(oldId)).to.equal(undefined);
      const found = await manager.find(newId);
      expect(found?.getAttribute('user')).to.equal('ann');
      expect(found?.getCreationTime()).to.equal(session.getCreationTime());
    });

    it('writes the attribute changes made around the rotation too', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ a: 1 });
      session.setAttribute('b', 2);
      session.changeSessionId();
      session.removeAttribute('a');
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getAttributeNames()).to.deep.equal(['b']);
    });

    it('a session created in the same request is simply stored under its new id', async () => {
      const { manager } = managerFixture();
      const session = await manager.create();
      const first = session.getId();
      session.changeSessionId();
      await manager.commit(session);
      expect(await manager.store.count?.()).to.equal(1);
      expect(await manager.find(first)).to.equal(undefined);
      expect(await manager.find(session.getId())).to.not.equal(undefined);
    });

    it('a live bound value follows the new id and is unbound when removed later', async () => {
      const events: string[] = [];
      const { manager, storedSession } = managerFixture();
      const session = await storedSession();
      session.setAttribute('holder', { valueUnbound: () => events.push('unbound') });
      session.changeSessionId();
      await manager.commit(session);
      const later = await manager.find(session.getId());
      later?.removeAttribute('holder');
      expect(events).to.deep.equal(['unbound']);
    });

    it("'gone' when another request removed the session meanwhile: it is not brought back", async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ a: 1 });
      await manager.store.destroy(manager.storeKey(session.getId()));
      session.changeSessionId();
      expect(await manager.commit(session)).to.equal('gone');
      expect(await manager.find(session.getId())).to.equal(undefined);
    });

    it("live values follow a commit to the id another session object's rotation moved the session to; those it replaced are unbound", async () => {
      const events: string[] = [];
      const live = (name: string) => ({ name, valueUnbound: () => void events.push(`unbound ${name}`) });
      const { manager, storedSession } = managerFixture();
      const writing = await storedSession({ theme: 'dark' });
      const rotating = await manager.find(writing.getId());
      const newId = rotating?.changeSessionId() ?? '';
      rotating?.setAttribute('holder', live('rotating holder'));
      rotating?.setAttribute('other', live('rotating other'));
      expect(await manager.commit(rotating as never)).to.equal('saved');
      writing.setAttribute('holder', 'plain data');
      writing.setAttribute('mine', live('writing mine'));
      expect(await manager.commit(writing)).to.equal('saved');
      expect(writing.getId()).to.equal(newId);
      expect(events, "the rotating request's holder left the session: the write replaced it").to.deep.equal([
        'unbound rotating holder',
      ]);
      const later = await manager.find(newId);
      expect(later?.getAttribute('holder')).to.equal('plain data');
      later?.invalidate();
      expect(events.slice(1).sort()).to.deep.equal(['unbound rotating other', 'unbound writing mine']);
    });

    it("a live value the commit wrote before another session object's rotation stays bound at the new id", async () => {
      const events: string[] = [];
      const { manager, storedSession } = managerFixture();
      const writing = await storedSession();
      const rotating = await manager.find(writing.getId());
      writing.setAttribute('mine', { valueUnbound: () => void events.push('unbound mine') });
      const newId = rotating?.changeSessionId() ?? '';
      expect(await manager.commit(rotating as never)).to.equal('saved');
      expect(await manager.commit(writing)).to.equal('saved');
      expect(events, 'its own value did not leave the session').to.deep.equal([]);
      (await manager.find(newId))?.invalidate();
      expect(events).to.deep.equal(['unbound mine']);
    });

    it('without store.rename the manager copies the record and removes the old one', async () => {
      const store = new MemoryStore();
      Object.defineProperty(store, 'rename', { value: undefined });
      const { manager, storedSession } = managerFixture({ store });
      const session = await storedSession({ user: 'ann' });
      const oldId = session.getId();
      session.changeSessionId();
      expect(await manager.commit(session)).to.equal('saved');
      expect(await store.get(manager.storeKey(oldId))).to.equal(undefined);
      expect((await manager.find(session.getId()))?.getAttribute('user')).to.equal('ann');
    });

    it('rejects a malformed new id', async () => {
      const session = await managerFixture().manager.create();
      expect(() => session.changeSessionId('short'))
        .to.throw('changeSessionId: malformed session id')
        .with.property('code', 'ERR_INVALID_SESSION_ID');
    });
  });

  describe('session.changeSessionId() in a script', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime();
    });
    after(() => harness.close());

    it('gives the logged-in client a new id and cookie; the old id no longer finds the session', async () => {
      const client = harness.client();
      await client.get('/services/js/session-info.js?set=user&value=ann');
      const oldCookie = client.cookies.get('JSESSIONID') ?? '';
      const response = await client.get('/services/js/change-id.js');
      const rotation = response.json<Rotation>();
      expect(rotation).to.include({ oldId: oldCookie, idAfter: rotation.newId, user: 'ann', isNew: false });
      expect(rotation.newId).to.not.equal(oldCookie);
      expect(response.setCookies).to.have.length(1);
      expect(client.cookies.get('JSESSIONID')).to.equal(rotation.newId);
      const { sessions } = harness.runtime;
      expect(await sessions.store.get(sessions.storeKey(oldCookie))).to.equal(undefined);
      const next = (await client.get('/services/js/session-info.js')).json<{ isNew: boolean; attributes: object }>();
      expect(next).to.deep.include({ isNew: false, attributes: { user: 'ann' } });
      const attacker = harness.client();
      attacker.cookies.set('JSESSIONID', oldCookie);
      expect(
        (await attacker.get('/services/js/session-info.js')).json<{ attributes: object }>().attributes,
      ).to.deep.equal({});
    });

    it('a request still running while another request of the session logs in (no sessionLock): its write reaches the session under the new id, and it sends no cookie', async () => {
      const rotating = await startRuntime({ workers: 2, allowedHosts: ['127.0.0.1'] });
      const gate = await startGate();
      try {
        // One browser, two tabs: one cookie jar.
        const client = rotating.client();
        await client.get('/services/js/session-info.js?set=theme&value=dark');
        const oldId = client.cookies.get('JSESSIONID');
        const running = client.get(`/services/js/gated-set.js?gate=${encodeURIComponent(gate.url)}&set=cart&value=3`);
        await gate.arrived;
        const login = await client.get('/services/js/rotating-login.js?user=ann');
        expect(login.setCookies, "the login's response sets the new id").to.have.length(1);
        const newId = login.text;
        expect(client.cookies.get('JSESSIONID')).to.equal(newId);
        gate.release();
        const written = await running;
        expect(written.status).to.equal(200);
        expect(written.json<{ idBefore: string }>().idBefore).to.equal(oldId);
        expect(written.setCookies, 'no Set-Cookie: the login already sent the new id').to.deep.equal([]);
        expect(client.cookies.get('JSESSIONID')).to.equal(newId);
        const after = (await client.get('/services/js/session-info.js')).json<{ attributes: object }>();
        expect(after.attributes, "the write is kept, beside the login's").to.deep.equal({
          theme: 'dark',
          user: 'ann',
          cart: '3',
        });
      } finally {
        gate.release();
        await gate.close();
        await rotating.close();
      }
    });

    it('on a new session: one cookie, with the final id', async () => {
      const client = harness.client();
      const response = await client.get('/services/js/change-id.js');
      const rotation = response.json<Rotation>();
      expect(rotation.isNew).to.equal(true);
      expect(client.cookies.get('JSESSIONID')).to.equal(rotation.newId);
      expect(response.setCookies).to.have.length(1);
      const { sessions } = harness.runtime;
      expect(await sessions.store.get(sessions.storeKey(rotation.oldId))).to.equal(undefined);
      expect(await sessions.store.get(sessions.storeKey(rotation.newId))).to.not.equal(undefined);
    });
  });
});
