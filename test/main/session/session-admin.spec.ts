/**
 * Sessions for operators through the runtime's API (`runtime.sessions.admin`), sessions in memory:
 * count, a page, find by principal (an attribute the embedder names, or the request's user), end
 * one session or a principal's, with the listeners told.
 */
import { expect } from 'chai';
import { generateSessionId } from '../../../common/ids.js';
import { defaultCookieOptions } from '../../../main/session/cookie.js';
import type { HttpSessionEvent } from '../../../main/session/listeners.js';
import { SessionManager } from '../../../main/session/manager.js';
import { RequestSession } from '../../../main/session/request-session.js';
import { sessionIdHash } from '../../../main/session/session-admin.js';
import { fixturesDir } from '../../support/paths.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const opsDir = `${fixturesDir}ops`;

describe("operators' sessions (runtime.sessions.admin)", () => {
  let harness: Harness;
  const destroyed: string[] = [];

  beforeEach(async () => {
    destroyed.length = 0;
    harness = await startRuntime({
      root: opsDir,
      principalAttribute: 'user',
      listeners: [
        { sessionDestroyed: (event: HttpSessionEvent) => destroyed.push(String(event.session.getAttribute('user'))) },
      ],
    });
  });
  afterEach(() => harness.close());

  async function loggedIn(user: string, extra = '') {
    const client = harness.client();
    expect((await client.get(`/services/js/login.js?user=${user}${extra}`)).text).to.equal(`hello ${user}`);
    return client;
  }

  it('counts and lists sessions: id hash (never the id), times, size, attribute names, principal', async () => {
    const alice = await loggedIn('alice');
    await loggedIn('bob');
    await harness.client().get('/services/js/ok.js');
    const admin = harness.runtime.sessions.admin;
    expect(await admin.count()).to.equal(2);
    const page = await admin.list();
    expect(page.cursor).to.equal('');
    const aliceId = alice.cookies.get('JSESSIONID') as string;
    const summary = page.sessions.find((session) => session.principal === 'alice');
    expect(summary).to.deep.include({ idHash: sessionIdHash(aliceId), attributeNames: ['user'], size: 11 });
    expect(summary?.idHash).to.match(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(page)).to.not.include(aliceId);
    expect(summary?.creationTime).to.be.a('number');
    expect(summary?.lastAccessedTime).to.equal(summary?.creationTime);
  });

  it('lists a page at a time', async () => {
    for (const user of ['a', 'b', 'c', 'd', 'e']) await loggedIn(user);
    const admin = harness.runtime.sessions.admin;
    const first = await admin.list({ limit: 2 });
    expect(first.sessions).to.have.length(2);
    const second = await admin.list({ limit: 2, cursor: first.cursor });
    const third = await admin.list({ limit: 2, cursor: second.cursor });
    expect(third.cursor).to.equal('');
    const principals = [...first.sessions, ...second.sessions, ...third.sessions].map((session) => session.principal);
    expect(principals.sort()).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });

  it('never shows a session id in a cursor, and refuses a cursor it did not give (ERR_INVALID_OPTION)', async () => {
    const ids: string[] = [];
    for (const user of ['a', 'b', 'c']) ids.push((await loggedIn(user)).cookies.get('JSESSIONID') as string);
    const admin = harness.runtime.sessions.admin;
    let cursor = '';
    const seen: string[] = [];
    do {
      const page = await admin.list({ limit: 1, cursor });
      for (const id of ids) expect(JSON.stringify(page)).to.not.include(id);
      seen.push(...page.sessions.map((session) => session.idHash));
      cursor = page.cursor;
    } while (cursor !== '');
    expect(seen.sort()).to.deep.equal(ids.map(sessionIdHash).sort());
    for (const made of [`default:${ids[0]}`, 'x', `${(await admin.list({ limit: 1 })).cursor}x`]) {
      const refused = await admin.list({ limit: 1, cursor: made }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, made).to.have.property('code', 'ERR_INVALID_OPTION');
    }
  });

  it('refuses a page size that is not a whole number > 0', async () => {
    const admin = harness.runtime.sessions.admin;
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      const refused = await admin.list({ limit }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, String(limit)).to.include({
        code: 'ERR_INVALID_OPTION',
        message: 'option "limit" must be a whole number > 0',
      });
    }
  });

  it("finds a principal's sessions, and ends them all with the listeners told", async () => {
    const phone = await loggedIn('alice');
    const laptop = await loggedIn('alice');
    const bob = await loggedIn('bob');
    const admin = harness.runtime.sessions.admin;
    expect(await admin.find('alice')).to.have.length(2);
    expect(await admin.invalidatePrincipal('alice')).to.equal(2);
    expect(destroyed).to.deep.equal(['alice', 'alice']);
    expect((await phone.get('/services/js/login.js')).text).to.equal('nobody');
    expect((await laptop.get('/services/js/login.js')).text).to.equal('nobody');
    expect((await bob.get('/services/js/login.js')).text).to.equal('bob');
    expect(await admin.find('alice')).to.deep.equal([]);
  });

  it('ends one session named by its id hash or its id; an unknown one is ERR_SESSION_NOT_FOUND', async () => {
    const bob = await loggedIn('bob');
    const carol = await loggedIn('carol');
    const admin = harness.runtime.sessions.admin;
    await admin.invalidate(sessionIdHash(bob.cookies.get('JSESSIONID') as string));
    await admin.invalidate(carol.cookies.get('JSESSIONID') as string);
    expect(destroyed).to.deep.equal(['bob', 'carol']);
    expect(await admin.count()).to.equal(0);
    const error = await admin.invalidate('0123456789abcdef').catch((caught: unknown) => caught);
    expect(error).to.include({ code: 'ERR_SESSION_NOT_FOUND', message: 'ending a session: no such session' });
  });

  it('follows a new id (changeSessionId at login) and forgets a session that logged out', async () => {
    const rotated = await loggedIn('dave', '&rotate=1');
    const admin = harness.runtime.sessions.admin;
    const [found] = await admin.find('dave');
    expect(found?.idHash).to.equal(sessionIdHash(rotated.cookies.get('JSESSIONID') as string));
    await rotated.get('/services/js/login.js?logout=1');
    expect(await admin.find('dave')).to.deep.equal([]);
  });

  it('takes the request user as the principal when no attribute names one (the hook the runtime sets)', async () => {
    const manager = new SessionManager({ sweepInterval: 0 });
    try {
      const session = await RequestSession.open(manager, defaultCookieOptions, {
        requestedId: undefined,
        // Now: a session last used in 1970 would have expired long ago, and operators no longer see it.
        time: Date.now(),
        secure: false,
        user: 'erin',
      });
      await session.close([
        { op: 'create', id: generateSessionId() },
        { op: 'set', name: 'cart', json: '[]' },
      ]);
      const [found] = await manager.admin.find('erin');
      expect(found).to.deep.include({ principal: 'erin', attributeNames: ['cart'] });
    } finally {
      await manager.close();
    }
  });

  it("keeps the request user as the principal through a later request with no user (a public page in the user's session)", async () => {
    const manager = new SessionManager({ sweepInterval: 0 });
    try {
      const id = generateSessionId();
      const now = Date.now();
      const request = { requestedId: undefined, time: now, secure: false, user: 'frank' };
      await (await RequestSession.open(manager, defaultCookieOptions, request)).close([{ op: 'create', id }]);
      const anonymous = { requestedId: id, time: now + 1000, secure: false, user: undefined };
      await (await RequestSession.open(manager, defaultCookieOptions, anonymous)).close([
        { op: 'access' },
        { op: 'set', name: 'page', json: '"public"' },
      ]);
      const [found] = await manager.admin.find('frank');
      expect(found).to.deep.include({ principal: 'frank', attributeNames: ['page'] });
      const other = { requestedId: id, time: now + 2000, secure: false, user: 'grace' };
      await (await RequestSession.open(manager, defaultCookieOptions, other)).close([{ op: 'access' }]);
      expect(await manager.admin.find('frank')).to.deep.equal([]);
      expect(await manager.admin.find('grace')).to.have.length(1);
    } finally {
      await manager.close();
    }
  });
});
