/**
 * Session listeners and binding notices, named after the Jakarta Servlet TCK's listener tests:
 * created / destroyed (invalidate, lookup expiry, sweep), attribute added / replaced / removed,
 * valueBound / valueUnbound in Tomcat's order, id changed, passivation, failing listeners, and the
 * same notices for changes a script made.
 */
import { expect } from 'chai';
import { commitSessionOps } from '../../../main/session/session-commit.js';
import { generateSessionId } from '../../../common/ids.js';
import type { HttpSessionBindingEvent, HttpSessionEvent, SessionListener } from '../../../main/session/listeners.js';
import { startRuntime } from '../../support/runtime-harness.js';
import { managerFixture } from '../../support/manager-fixture.js';

/** A listener that writes every call it gets to `events`. */
function recorder(events: string[], tag = ''): SessionListener {
  const binding = (kind: string) => (event: HttpSessionBindingEvent) =>
    events.push(`${tag}${kind} ${event.getName()}=${JSON.stringify(event.getValue())}`);
  const whole = (kind: string) => (_event: HttpSessionEvent) => events.push(`${tag}${kind}`);
  return {
    sessionCreated: whole('created'),
    sessionDestroyed: whole('destroyed'),
    sessionIdChanged: (event, oldId) =>
      events.push(`${tag}idChanged ${oldId === event.session.getId() ? 'same' : 'new'}`),
    attributeAdded: binding('added'),
    attributeReplaced: binding('replaced'),
    attributeRemoved: binding('removed'),
    sessionWillPassivate: whole('willPassivate'),
    sessionDidActivate: whole('didActivate'),
  };
}

/** A value that implements HttpSessionBindingListener and writes its notices to `events`. */
function boundValue(events: string[], label: string) {
  return {
    label,
    valueBound(event: HttpSessionBindingEvent) {
      events.push(`bound ${label} visible=${event.getSession().getAttribute(event.getName()) !== null}`);
    },
    valueUnbound(event: HttpSessionBindingEvent) {
      events.push(`unbound ${label} ${event.getName()}`);
    },
  };
}

describe('session listeners', () => {
  describe('HttpSessionListener', () => {
    it('sessionCreatedTest: told when a session is created, not when it is found again', async () => {
      const events: string[] = [];
      const { manager } = managerFixture({ listeners: [recorder(events)] });
      const session = await manager.create();
      await manager.commit(session);
      await manager.find(session.getId());
      expect(events).to.deep.equal(['created']);
    });

    it('sessionDestroyedTest: on invalidate, in reverse registration order, while attributes can be read, then attributes removed', async () => {
      const events: string[] = [];
      const reader: SessionListener = {
        sessionDestroyed: (event) => events.push(`read user=${String(event.session.getAttribute('user'))}`),
      };
      const { manager, storedSession } = managerFixture({ listeners: [recorder(events, 'first:'), reader] });
      const session = await storedSession({ user: 'ann' });
      events.length = 0;
      session.invalidate();
      expect(events).to.deep.equal(['read user=ann', 'first:destroyed', 'first:removed user="ann"']);
      await manager.commit(session);
    });

    it('sessionDestroyedTest: on expiry found by lookup, and the store entry is removed', async () => {
      const events: string[] = [];
      const { manager, clock, storedSession } = managerFixture({
        maxInactiveInterval: 60,
        listeners: [recorder(events)],
      });
      const session = await storedSession({ user: 'ann' });
      events.length = 0;
      clock.advance(60_000);
      expect(await manager.find(session.getId())).to.equal(undefined);
      expect(events).to.deep.equal(['destroyed', 'removed user="ann"']);
      expect(await manager.store.get(manager.storeKey(session.getId()))).to.equal(undefined);
    });

    it('sessionDestroyedTest: on expiry found by the sweep; a session in use is left alone', async () => {
      const destroyed: string[] = [];
      const { manager, clock, storedSession } = managerFixture({
        maxInactiveInterval: 60,
        listeners: [{ sessionDestroyed: (e) => destroyed.push(e.session.getId()) }],
      });
      const idle = await storedSession();
      const busy = await storedSession();
      manager.acquire(busy.getId());
      clock.advance(61_000);
      expect(await manager.sweep()).to.equal(1);
      expect(destroyed).to.deep.equal([idle.getId()]);
      manager.release(busy.getId());
      expect(await manager.sweep()).to.equal(1);
      expect(destroyed).to.deep.equal([idle.getId(), busy.getId()]);
    });
  });

  describe('HttpSessionAttributeListener', () => {
    it('attributeAddedTest: name, value and session of the event', async () => {
      const seen: HttpSessionBindingEvent[] = [];
      const { manager } = managerFixture({ listeners: [{ attributeAdded: (event) => seen.push(event) }] });
      const session = await manager.create();
      session.setAttribute('cart', { items: [1] });
      expect(seen).to.have.length(1);
      expect(seen[0]?.getName()).to.equal('cart');
      expect(seen[0]?.getValue()).to.deep.equal({ items: [1] });
      expect(seen[0]?.getSession()).to.equal(session);
    });

    it('attributeReplacedTest: the event carries the old value, also when the value is the same', async () => {
      const events: string[] = [];
      const { storedSession } = managerFixture({ listeners: [recorder(events)] });
      const session = await storedSession({ color: 'blue' });
      events.length = 0;
      session.setAttribute('color', 'green');
      session.setAttribute('color', 'green');
      expect(events).to.deep.equal(['replaced color="blue"', 'replaced color="green"']);
    });

    it('attributeRemovedTest: by removeAttribute and by a null value; nothing for an absent name', async () => {
      const events: string[] = [];
      const { storedSession } = managerFixture({ listeners: [recorder(events)] });
      const session = await storedSession({ a: 1, b: 2 });
      events.length = 0;
      session.removeAttribute('a');
      session.setAttribute('b', null);
      session.removeAttribute('absent');
      expect(events).to.deep.equal(['removed a=1', 'removed b=2']);
    });

    it('listeners added and removed at run time', async () => {
      const events: string[] = [];
      const { manager } = managerFixture();
      const listener = recorder(events);
      manager.addListener(listener);
      manager.addListener(listener);
      const session = await manager.create();
      manager.removeListener(listener);
      session.setAttribute('a', 1);
      expect(events).to.deep.equal(['created']);
      expect(() => manager.addListener({} as SessionListener))
        .to.throw('option "listener"')
        .with.property('code', 'ERR_INVALID_OPTION');
    });
  });

  describe('HttpSessionBindingListener', () => {
    it('valueBoundTest: told before the value is visible; stored as its data', async () => {
      const events: string[] = [];
      const { manager } = managerFixture();
      const session = await manager.create();
      session.setAttribute('holder', boundValue(events, 'A'));
      expect(events).to.deep.equal(['bound A visible=false']);
      expect(session.getAttribute('holder')).to.deep.equal({ label: 'A' });
    });

    it("valueBoundTest: Tomcat's order on replace: new bound, old unbound, then attributeReplaced with the old value", async () => {
      const events: string[] = [];
      const { manager } = managerFixture({ listeners: [recorder(events)] });
      const session = await manager.create();
      events.length = 0;
      session.setAttribute('holder', boundValue(events, 'A'));
      session.setAttribute('holder', boundValue(events, 'B'));
      expect(events).to.deep.equal([
        'bound A visible=false',
        'added holder={"label":"A"}',
        'bound B visible=true',
        'unbound A holder',
        'replaced holder={"label":"A"}',
      ]);
    });

    it('valueBoundTest: setting the same object again tells it nothing', async () => {
      const events: string[] = [];
      const session = await managerFixture().manager.create();
      const value = boundValue(events, 'A');
      session.setAttribute('holder', value);
      session.setAttribute('holder', value);
      expect(events).to.deep.equal(['bound A visible=false']);
    });

    it('valueUnboundTest: on invalidate, after the destroyed listeners', async () => {
      const events: string[] = [];
      const { manager } = managerFixture({ listeners: [recorder(events)] });
      const session = await manager.create();
      session.setAttribute('holder', boundValue(events, 'A'));
      events.length = 0;
      session.invalidate();
      expect(events).to.deep.equal(['destroyed', 'unbound A holder', 'removed holder={"label":"A"}']);
    });

    it('valueUnboundTest: on removal and on expiry, also from a later request', async () => {
      const events: string[] = [];
      const { manager, clock } = managerFixture({ maxInactiveInterval: 60 });
      const session = await manager.create();
      session.setAttribute('removed', boundValue(events, 'R'));
      session.setAttribute('ended', boundValue(events, 'E'));
      session.setAttribute('expired', boundValue(events, 'X'));
      await manager.commit(session);
      const later = await manager.find(session.getId());
      later?.removeAttribute('removed');
      await manager.commit(later as NonNullable<typeof later>);
      expect(events.slice(3)).to.deep.equal(['unbound R removed']);
      clock.advance(60_000);
      expect(await manager.sweep()).to.equal(1);
      expect(events.slice(4)).to.deep.equal(['unbound E ended', 'unbound X expired']);
    });

    it('valueUnboundTest: a script replacing a host-bound value unbinds it', async () => {
      const events: string[] = [];
      const { manager, storedSession } = managerFixture();
      const session = await storedSession();
      session.setAttribute('holder', boundValue(events, 'A'));
      await manager.commit(session);
      const next = await manager.find(session.getId());
      await commitSessionOps(manager, next, [{ op: 'access' }, { op: 'set', name: 'holder', json: '"text"' }], 0);
      expect(events).to.deep.equal(['bound A visible=false', 'unbound A holder']);
    });

    it('a value with toJSON is stored as its toJSON result', async () => {
      const session = await managerFixture().manager.create();
      session.setAttribute('token', { secret: 's', toJSON: () => ({ masked: true }), valueUnbound: () => undefined });
      expect(session.getAttribute('token')).to.deep.equal({ masked: true });
    });
  });

  describe('HttpSessionIdListener', () => {
    it('sessionIdChangedTest: told with the old id; the event session has the new one', async () => {
      const seen: Array<[string, string]> = [];
      const { storedSession } = managerFixture({
        listeners: [{ sessionIdChanged: (event, oldId) => seen.push([event.session.getId(), oldId]) }],
      });
      const session = await storedSession();
      const oldId = session.getId();
      const newId = session.changeSessionId();
      expect(seen).to.deep.equal([[newId, oldId]]);
    });
  });

  describe('HttpSessionActivationListener', () => {
    it('is not told for the memory store, which is not distributed', async () => {
      const events: string[] = [];
      const { manager, storedSession } = managerFixture({ listeners: [recorder(events)] });
      expect(manager.store.distributed).to.equal(false);
      const session = await storedSession({ a: 1 });
      session.setAttribute('a', 2);
      await manager.commit(session);
      expect(events.filter((event) => /Passivate|Activate/.test(event))).to.deep.equal([]);
    });

    it('with passivation on: sessionWillPassivate before every write, sessionDidActivate after every read', async () => {
      const events: string[] = [];
      const { manager } = managerFixture({ passivation: true });
      const session = await manager.create();
      session.setAttribute('holder', {
        sessionWillPassivate: () => events.push('value willPassivate'),
        sessionDidActivate: () => events.push('value didActivate'),
        valueBound: () => undefined,
      });
      manager.addListener({
        sessionWillPassivate: async (event) => {
          const stored = await manager.store.get(manager.storeKey(event.session.getId()));
          events.push(`willPassivate stored=${stored !== undefined}`);
        },
        sessionDidActivate: () => events.push('didActivate'),
      });
      await manager.commit(session);
      await new Promise((resolve) => setImmediate(resolve));
      const found = await manager.find(session.getId());
      expect(await manager.commit(found as NonNullable<typeof found>)).to.equal('unchanged');
      expect(events).to.deep.equal([
        'value willPassivate',
        'willPassivate stored=false',
        'didActivate',
        'value didActivate',
      ]);
    });
  });

  describe('an attribute value that implements HttpSessionActivationListener only', () => {
    it('is accepted, stored as its data, and told sessionWillPassivate / sessionDidActivate (Servlet: objects bound to a session may listen)', async () => {
      const events: string[] = [];
      const { manager } = managerFixture({ passivation: true });
      const session = await manager.create();
      session.setAttribute('cart', {
        items: 2,
        sessionWillPassivate: (event: { getSession(): { getId(): string } }) =>
          events.push(`willPassivate ${event.getSession().getId() === session.getId()}`),
        sessionDidActivate: () => events.push('didActivate'),
      });
      expect(session.getAttribute('cart')).to.deep.equal({ items: 2 });
      await manager.commit(session);
      const found = await manager.find(session.getId());
      expect(found?.getAttribute('cart')).to.deep.equal({ items: 2 });
      expect(events).to.deep.equal(['willPassivate true', 'didActivate']);
    });
  });

  describe('failing listeners', () => {
    it('a throwing or rejecting listener is logged; the others are told and the change happens', async () => {
      const events: string[] = [];
      const { manager, logged } = managerFixture({
        listeners: [
          {
            attributeAdded: () => {
              throw new Error('listener broke');
            },
          },
          { attributeAdded: () => Promise.reject(new Error('async listener broke')) },
          recorder(events),
        ],
      });
      const session = await manager.create();
      session.setAttribute('a', 1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(session.getAttribute('a')).to.equal(1);
      expect(events).to.deep.equal(['created', 'added a=1']);
      expect(logged).to.have.length(2);
      expect(logged[0]).to.include('session listener attributeAdded failed').and.include('listener broke');
      expect(logged[1]).to.include('async listener broke');
    });
  });

  describe('changes made by scripts', () => {
    it('fire the same listeners as host changes, in the order the script made them', async () => {
      const events: string[] = [];
      const { manager, storedSession } = managerFixture({ listeners: [recorder(events)] });
      const session = await storedSession({ a: 1 });
      events.length = 0;
      const newId = generateSessionId();
      await commitSessionOps(
        manager,
        session,
        [
          { op: 'access' },
          { op: 'set', name: 'b', json: '[2]' },
          { op: 'set', name: 'a', json: '3' },
          { op: 'remove', name: 'b' },
          { op: 'changeId', id: newId },
          { op: 'invalidate' },
          { op: 'create', id: generateSessionId() },
        ],
        0,
      );
      expect(events).to.deep.equal([
        'added b=[2]',
        'replaced a=1',
        'removed b=[2]',
        'idChanged new',
        'destroyed',
        'removed a=3',
        'created',
      ]);
    });

    it("see the previous request's time in getLastAccessedTime(), as the script does (Servlet: the last access before the current request)", async () => {
      const seen: number[] = [];
      const { manager, storedSession, clock } = managerFixture({
        listeners: [{ attributeAdded: (event) => void seen.push(event.session.getLastAccessedTime()) }],
      });
      const session = await storedSession();
      const previous = session.getLastAccessedTime();
      clock.advance(5000);
      await commitSessionOps(manager, session, [{ op: 'access' }, { op: 'set', name: 'a', json: '1' }], clock.now());
      expect(seen).to.deep.equal([previous]);
      expect((await manager.find(session.getId()))?.getLastAccessedTime(), 'stored: this request').to.equal(
        clock.now(),
      );
    });

    it('through a real runtime: listeners from createRuntime options and a throwing one only logged', async () => {
      const events: string[] = [];
      const logged: string[] = [];
      const harness = await startRuntime({
        log: (line) => logged.push(line),
        listeners: [
          {
            attributeReplaced: () => {
              throw new Error('boom');
            },
          },
          recorder(events),
        ],
      });
      try {
        const client = harness.client();
        await client.get('/services/js/session-info.js?set=color&value=blue');
        const second = await client.get('/services/js/session-info.js?set=color&value=green');
        expect(second.status).to.equal(200);
        await client.get('/services/js/logout.js');
        expect(events).to.deep.equal([
          'created',
          'added color="blue"',
          'replaced color="blue"',
          'destroyed',
          'removed color="green"',
        ]);
        expect(logged.join('\n')).to.include('session listener attributeReplaced failed').and.include('boom');
      } finally {
        await harness.close();
      }
    });
  });
});
