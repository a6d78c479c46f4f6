/**
 * The host-side HttpSession against the javax.servlet.http.HttpSession contract. Test names follow
 * the Jakarta Servlet TCK's HttpSession tests. Time comes from the injected clock.
 */
import { expect } from 'chai';
import { SessionManager } from '../../../main/session/manager.js';
import type { MemoryStore } from '../../../main/session/memory-store.js';
import type { HttpSession } from '../../../main/session/http-session.js';
import { managerFixture, START } from '../../support/manager-fixture.js';

describe('HttpSession', () => {
  describe('attributes and times', () => {
    it('getCreationTimeTest: the clock time of creation, kept by later requests', async () => {
      const { manager, clock } = managerFixture();
      const session = await manager.create();
      expect(session.getCreationTime()).to.equal(START);
      await manager.commit(session);
      clock.advance(60_000);
      expect((await manager.find(session.getId()))?.getCreationTime()).to.equal(START);
    });

    it('getIdTest: a URL-safe id of 32 characters, the same in the next request, unique per session', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession();
      expect(session.getId()).to.match(/^[A-Za-z0-9_-]{32}$/);
      expect((await manager.find(session.getId()))?.getId()).to.equal(session.getId());
      expect((await manager.create()).getId()).to.not.equal(session.getId());
    });

    it('getLastAccessedTimeTest: creation time at first, then the time of the previous request', async () => {
      const { manager, clock } = managerFixture();
      const session = await manager.create();
      expect(session.getLastAccessedTime()).to.equal(START);
      await manager.commit(session);
      clock.advance(5000);
      const second = await manager.find(session.getId());
      expect(second?.getLastAccessedTime()).to.equal(START);
      second?.access(clock.now());
      await manager.commit(second as HttpSession);
      clock.advance(5000);
      expect((await manager.find(session.getId()))?.getLastAccessedTime()).to.equal(START + 5000);
    });

    it('getLastAccessedTimeTest: reading and writing attributes does not change it', async () => {
      const { manager, clock, storedSession } = managerFixture();
      const session = await storedSession();
      clock.advance(7000);
      session.setAttribute('a', 1);
      session.getAttribute('a');
      session.removeAttribute('a');
      expect(session.getLastAccessedTime()).to.equal(START);
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getLastAccessedTime()).to.equal(START);
    });

    it('getMaxInactiveIntervalTest: the manager default of 1800 s, or the configured one', async () => {
      expect((await managerFixture().manager.create()).getMaxInactiveInterval()).to.equal(1800);
      expect((await managerFixture({ maxInactiveInterval: 60 }).manager.create()).getMaxInactiveInterval()).to.equal(
        60,
      );
    });

    it('setMaxInactiveIntervalTest: truncated to whole seconds and stored', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession();
      session.setMaxInactiveInterval(90.9);
      expect(session.getMaxInactiveInterval()).to.equal(90);
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getMaxInactiveInterval()).to.equal(90);
    });

    it('setMaxInactiveIntervalTest: clamped to Java int seconds; a value that is not a number throws and changes nothing', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession();
      session.setMaxInactiveInterval(1e300);
      expect(session.getMaxInactiveInterval()).to.equal(2_147_483_647);
      session.setMaxInactiveInterval(-1e300);
      expect(session.getMaxInactiveInterval()).to.equal(-2_147_483_648);
      session.setMaxInactiveInterval(-0.5);
      expect(Object.is(session.getMaxInactiveInterval(), 0)).to.equal(true);
      session.setMaxInactiveInterval(60);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, undefined, null, true, '', 'soon', {}]) {
        expect(() => session.setMaxInactiveInterval(bad as number), String(bad))
          .to.throw(/setMaxInactiveInterval: interval must be a number/)
          .with.property('code', 'ERR_INVALID_ATTRIBUTE');
      }
      expect(session.getMaxInactiveInterval()).to.equal(60);
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getMaxInactiveInterval()).to.equal(60);
    });

    it('maxInactiveInterval option: beyond Java int seconds is refused at construction', () => {
      expect(() => managerFixture({ maxInactiveInterval: 2_147_483_648 }))
        .to.throw(/maxInactiveInterval/)
        .with.property('code', 'ERR_INVALID_OPTION');
      expect(managerFixture({ maxInactiveInterval: 2_147_483_647 }).manager.maxInactiveInterval).to.equal(
        2_147_483_647,
      );
    });

    it('getAttributeNamesTest: names in insertion order, as a copy', async () => {
      const { storedSession } = managerFixture();
      const session = await storedSession({ b: 1, a: 2 });
      session.setAttribute('c', 3);
      const names = session.getAttributeNames();
      expect(names).to.deep.equal(['b', 'a', 'c']);
      names.push('x');
      expect(session.getAttributeNames()).to.deep.equal(['b', 'a', 'c']);
    });

    it('getAttributeNamesEmptyTest: a new session has none', async () => {
      expect((await managerFixture().manager.create()).getAttributeNames()).to.deep.equal([]);
    });

    it('getAttributeTest: the stored value as a copy; null when absent', async () => {
      const { storedSession } = managerFixture();
      const session = await storedSession({ cart: { items: ['a'] }, when: new Date(START) });
      const cart = session.getAttribute('cart') as { items: string[] };
      cart.items.push('b');
      expect(session.getAttribute('cart')).to.deep.equal({ items: ['a'] });
      expect(session.getAttribute('when')).to.equal(START);
      expect(session.getAttribute('absent')).to.equal(null);
    });

    it('setAttributeTest: replaces the value, and the change is stored', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ color: 'blue' });
      session.setAttribute('color', 'green');
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getAttribute('color')).to.equal('green');
    });

    it('setAttributeNullTest: a null or undefined value removes the attribute', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ a: 1, b: 2 });
      session.setAttribute('a', null);
      session.setAttribute('b', undefined);
      expect(session.getAttributeNames()).to.deep.equal([]);
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getAttributeNames()).to.deep.equal([]);
    });

    it('setAttributeIllegalArgumentTest: a null or empty name, or a value that is not data, throws and stores nothing', async () => {
      const session = await managerFixture().manager.create();
      for (const name of [null, undefined, '', 42]) {
        expect(() => session.setAttribute(name as string, 'v'))
          .to.throw('setAttribute: attribute name must be a non-empty string')
          .that.includes({ name: 'TypeError', code: 'ERR_INVALID_ATTRIBUTE' });
      }
      expect(() => session.setAttribute('fn', () => 1)).to.throw('value of attribute "fn" is not data');
      expect(() => session.setAttribute('deep', { a: [1, 10n] })).to.throw('at .a[1]: a bigint');
      expect(session.getAttributeNames()).to.deep.equal([]);
    });

    it('refuses a name with a lone surrogate, which Redis would give back as U+FFFD; paired ones are kept', async () => {
      const { manager } = managerFixture();
      const session = await manager.create();
      expect(() => session.setAttribute('a\ud800b', 'v'))
        .to.throw('setAttribute: attribute name has a lone surrogate')
        .that.includes({ name: 'TypeError', code: 'ERR_INVALID_ATTRIBUTE' });
      session.setAttribute('😀 ä', 'v');
      expect(session.getAttributeNames()).to.deep.equal(['😀 ä']);
    });

    it('removeAttributeTest: the attribute is gone, in the store too', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ a: 1, b: 2 });
      session.removeAttribute('a');
      expect(session.getAttribute('a')).to.equal(null);
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getAttributeNames()).to.deep.equal(['b']);
    });

    it('removeAttributeDoNothingTest: removing an absent attribute changes nothing', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ a: 1 });
      session.removeAttribute('absent');
      expect(session.toPatch()).to.equal(undefined);
      expect(await manager.commit(session)).to.equal('unchanged');
    });
  });

  describe('context and deprecated methods', () => {
    it('getServletContextTest: the application name, root, base path and init parameters', async () => {
      const { manager } = managerFixture({
        application: { name: 'shop', root: '/srv/scripts', initParameters: { mode: 'test' } },
      });
      const context = (await manager.create()).getServletContext();
      expect(context).to.include({ name: 'shop', root: '/srv/scripts', basePath: '/services/js' });
      expect(context.getServletContextName()).to.equal('shop');
      expect(context.getContextPath()).to.equal('/services/js');
      expect(context.getInitParameter('mode')).to.equal('test');
      expect(context.getInitParameter('absent')).to.equal(null);
      expect(context.getInitParameterNames()).to.deep.equal(['mode']);
      expect(Object.isFrozen(context) && Object.isFrozen(context.initParameters)).to.equal(true);
    });

    it('getServletContextTest: the default application is "default"', async () => {
      expect((await managerFixture().manager.create()).getServletContext().getServletContextName()).to.equal('default');
    });

    it('getSessionContextTest: deprecated and empty', async () => {
      const session = await managerFixture().manager.create();
      const context = session.getSessionContext();
      expect(context.getIds()).to.deep.equal([]);
      expect(context.getSession(session.getId())).to.equal(null);
    });

    it('putValueTest / getValueTest / getValueNamesTest / removeValueTest: the deprecated names of the attribute methods', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession();
      session.putValue('a', { n: 1 });
      session.putValue('b', 'two');
      expect(session.getValue('a')).to.deep.equal({ n: 1 });
      expect(session.getValueNames()).to.deep.equal(['a', 'b']);
      session.removeValue('a');
      session.putValue('b', null);
      expect(session.getValueNames()).to.deep.equal([]);
      expect(() => session.putValue('', 1)).to.throw('putValue: attribute name must be a non-empty string');
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.getAttributeNames()).to.deep.equal([]);
    });
  });

  describe('lifecycle', () => {
    it('isNewTest: true until the client returns the id', async () => {
      const { manager } = managerFixture();
      const session = await manager.create();
      expect(session.isNew()).to.equal(true);
      await manager.commit(session);
      expect((await manager.find(session.getId()))?.isNew()).to.equal(false);
    });

    it('the first returning request stores isNew false; later ones write no isNew the store already has', async () => {
      const { manager, clock } = managerFixture();
      const session = await manager.create();
      await manager.commit(session);
      const first = (await manager.find(session.getId())) as HttpSession;
      first.access(clock.now());
      expect(first.toPatch()).to.include({ isNew: false });
      await manager.commit(first);
      const second = (await manager.find(session.getId())) as HttpSession;
      expect(second.isNew()).to.equal(false);
      second.access(clock.now());
      expect(second.toPatch()).to.not.have.property('isNew');
      expect(second.toPatch()).to.have.property('lastAccessedTime');
    });

    it('invalidateTest: the session ends and leaves the store', async () => {
      const { manager, storedSession } = managerFixture();
      const session = await storedSession({ a: 1 });
      session.invalidate();
      expect(session.isValid()).to.equal(false);
      expect(await manager.commit(session)).to.equal('destroyed');
      expect(await manager.store.get(manager.storeKey(session.getId()))).to.equal(undefined);
      expect(await manager.find(session.getId())).to.equal(undefined);
    });

    it('expireHttpSessionTest: idle seconds >= max inactive interval expires; <= 0 never expires', async () => {
      const { manager, clock, storedSession } = managerFixture({ maxInactiveInterval: 10 });
      const session = await storedSession();
      const forever = await storedSession();
      forever.setMaxInactiveInterval(0);
      await manager.commit(forever);
      clock.advance(9999);
      expect(await manager.find(session.getId())).to.not.equal(undefined);
      clock.advance(1);
      expect(await manager.find(session.getId())).to.equal(undefined);
      clock.advance(365 * 24 * 3600 * 1000);
      expect(await manager.find(forever.getId())).to.not.equal(undefined);
    });
  });

  describe('invalidated session', () => {
    const throwing: Array<[string, (session: HttpSession) => unknown]> = [
      ['getAttribute', (s) => s.getAttribute('a')],
      ['getAttributeNames', (s) => s.getAttributeNames()],
      ['getCreationTime', (s) => s.getCreationTime()],
      ['getLastAccessedTime', (s) => s.getLastAccessedTime()],
      ['isNew', (s) => s.isNew()],
      ['setAttribute', (s) => s.setAttribute('a', 1)],
      ['removeAttribute', (s) => s.removeAttribute('a')],
      ['invalidate', (s) => s.invalidate()],
      ['changeSessionId', (s) => s.changeSessionId()],
      ['getValue', (s) => s.getValue('a')],
      ['getValueNames', (s) => s.getValueNames()],
      ['putValue', (s) => s.putValue('a', 1)],
      ['removeValue', (s) => s.removeValue('a')],
    ];
    for (const [method, call] of throwing) {
      it(`${method}IllegalStateExceptionTest: throws ERR_SESSION_INVALIDATED naming ${method}`, async () => {
        const session = await managerFixture().storedSession({ a: 1 });
        session.invalidate();
        expect(() => call(session))
          .to.throw(`${method}: session already invalidated`)
          .with.property('code', 'ERR_SESSION_INVALIDATED');
      });
    }

    it('getIdInvalidatedSessionTest: getId, getMaxInactiveInterval, setMaxInactiveInterval, getServletContext do not throw', async () => {
      const session = await managerFixture().storedSession();
      const id = session.getId();
      session.invalidate();
      expect(session.getId()).to.equal(id);
      session.setMaxInactiveInterval(5);
      expect(session.getMaxInactiveInterval()).to.equal(5);
      expect(session.getServletContext().name).to.equal('default');
      expect(session.getSessionContext().getIds()).to.deep.equal([]);
    });
  });

  describe('manager options', () => {
    it('throws ERR_INVALID_OPTION naming each bad option', () => {
      const bad: Array<[string, ConstructorParameters<typeof SessionManager>[0]]> = [
        ['absoluteTimeout', { absoluteTimeout: -1 }],
        ['maxActiveSessions', { maxActiveSessions: 0 }],
        ['maxInactiveInterval', { maxInactiveInterval: Number.NaN }],
        ['sweepInterval', { sweepInterval: 1.5 }],
        ['application.name', { application: { name: 'a:b' } }],
        ['application.initParameters', { application: { initParameters: { n: 1 as unknown as string } } }],
        ['listeners[1]', { listeners: [{ sessionCreated: () => undefined }, {}] }],
        ['passivation', { passivation: 'yes' as unknown as boolean }],
        ['store', { store: {} as MemoryStore }],
      ];
      for (const [option, options] of bad) {
        expect(() => new SessionManager({ sweepInterval: 0, ...options }), option)
          .to.throw(`option "${option}"`)
          .with.property('code', 'ERR_INVALID_OPTION');
      }
    });
  });
});
