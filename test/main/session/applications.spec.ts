/**
 * Applications are separate: managers (and runtimes) with different application names on one
 * store never see each other's sessions; each sweeps and counts only its own.
 */
import { expect } from 'chai';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { startRuntime } from '../../support/runtime-harness.js';
import { managerFixture } from '../../support/manager-fixture.js';
import { createServletContext } from '../../../main/session/servlet-context.js';

describe('applications', () => {
  it('store keys are <application name>:<session id>', async () => {
    const store = new MemoryStore();
    const { manager, storedSession } = managerFixture({ store, application: { name: 'shop' } });
    const session = await storedSession();
    expect(manager.storeKey(session.getId())).to.equal(`shop:${session.getId()}`);
    expect((await store.get(`shop:${session.getId()}`))?.id).to.equal(`shop:${session.getId()}`);
    expect(await store.get(session.getId())).to.equal(undefined);
  });

  it('refuses the names under which the stores keep their own keys (Redis locks and forwardings)', () => {
    for (const name of ['lock', 'moved'])
      expect(() => createServletContext({ name }))
        .to.throw(`option "applicationName" must not be "${name}"`)
        .with.property('code', 'ERR_INVALID_OPTION');
    expect(createServletContext({ name: 'locks' }).name).to.equal('locks');
  });

  it("two applications on one store never find each other's sessions, even by the same id", async () => {
    const store = new MemoryStore();
    const shop = managerFixture({ store, application: { name: 'shop' } });
    const blog = managerFixture({ store, application: { name: 'blog' } });
    const session = await shop.storedSession({ user: 'ann' });
    expect(await blog.manager.find(session.getId())).to.equal(undefined);
    const twin = await blog.manager.create(session.getId());
    twin.setAttribute('user', 'bob');
    expect(await blog.manager.commit(twin)).to.equal('saved');
    expect((await shop.manager.find(session.getId()))?.getAttribute('user')).to.equal('ann');
    expect((await blog.manager.find(session.getId()))?.getAttribute('user')).to.equal('bob');
  });

  it("each application's sweep removes only its own expired sessions", async () => {
    const store = new MemoryStore();
    let now = 0;
    const clock = { now: () => now };
    const shop = managerFixture({ store, clock, maxInactiveInterval: 10, application: { name: 'shop' } });
    const blog = managerFixture({ store, clock, maxInactiveInterval: 10, application: { name: 'blog' } });
    await shop.storedSession();
    await blog.storedSession();
    now += 10_000;
    expect(await shop.manager.sweep()).to.equal(1);
    expect(await store.count('blog:')).to.equal(1);
    expect(await blog.manager.sweep()).to.equal(1);
    expect(await store.count()).to.equal(0);
  });

  it("two runtimes on one store: a client's cookie for one is unknown to the other", async () => {
    const store = new MemoryStore();
    const shop = await startRuntime({ store, applicationName: 'shop', initParameters: { title: 'Shop' } });
    const blog = await startRuntime({ store, applicationName: 'blog' });
    try {
      const client = shop.client();
      await client.get('/services/js/session-info.js?set=user&value=ann');
      const cookie = client.cookies.get('JSESSIONID') ?? '';
      const visitor = blog.client();
      visitor.cookies.set('JSESSIONID', cookie);
      const seen = (await visitor.get('/services/js/session-info.js')).json<{ isNew: boolean; attributes: object }>();
      expect(seen).to.deep.include({ isNew: true, attributes: {} });
      expect(shop.runtime.sessions.servletContext.getInitParameter('title')).to.equal('Shop');
      expect(blog.runtime.sessions.servletContext.name).to.equal('blog');
      await visitor.get('/services/js/session-info.js?set=user&value=bob');
      await shop.close();
      expect(
        (await visitor.get('/services/js/session-info.js')).json<{ attributes: object }>().attributes,
      ).to.deep.equal({ user: 'bob' });
    } finally {
      await Promise.all([shop.close(), blog.close()]);
    }
  });
});
