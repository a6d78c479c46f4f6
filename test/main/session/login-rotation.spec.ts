/**
 * A new session id when the container's authentication binds a user to a session (session
 * fixation defence, Tomcat's `changeSessionIdOnAuthentication`): a session made anonymously, whose
 * cookie an attacker may have planted, gets a new id in the request that first brings a user (or
 * another user), attributes and times kept; the old id finds nothing. Through a real runtime with
 * a users file (HTTP Basic), in the memory store and in Redis, with and without `sessionLock`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import express from 'express';
import { createRuntime } from '../../../main/server/runtime.js';
import type { RuntimeOptions } from '../../../main/server/options.js';
import { defaultCookieOptions } from '../../../main/session/cookie.js';
import type { SessionManagerOptions } from '../../../main/session/manager-options.js';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { RequestSession } from '../../../main/session/request-session.js';
import type { SessionOp } from '../../../common/snapshot.js';
import { managerFixture } from '../../support/manager-fixture.js';
import { addUserCommand } from '../../../main/server/users-command.js';
import type { HttpSessionEvent } from '../../../main/session/listeners.js';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { embeddingScriptsDir, listenOnLoopback } from '../../support/express-app.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { buildDist, startServeProcess } from '../../support/serve-process.js';

/** What `session-ops.js` reports. */
interface Report {
  idBefore: string;
  id: string;
  changedTo?: string;
  created: number;
  interval: number;
  attributes: Record<string, unknown>;
}

function basic(name: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` };
}

const ALICE = basic('alice', 'wonder land');
const BOB = basic('bob', 'builder');

/** `session-ops.js` with `ops`, the cookie `id` (if given, else none) and `headers`. */
async function sessionOps(
  client: CookieJarClient,
  id: string | undefined,
  headers: Record<string, string> = {},
  ops: object = {},
) {
  const cookie = id === undefined ? {} : { cookie: `JSESSIONID=${id}` };
  const response = await client.request(`/services/js/session-ops.js?ops=${encodeURIComponent(JSON.stringify(ops))}`, {
    headers: { ...headers, ...cookie },
  });
  expect(response.status, response.text).to.equal(200);
  const setId = /^JSESSIONID=([^;]*)/.exec(response.setCookies[0] ?? '')?.[1];
  return { report: response.json<Report>(), setCookies: response.setCookies, setId };
}

describe('a new session id when authentication binds a user (session fixation)', function () {
  this.timeout(60_000);
  let dir: string;
  let usersFile: string;
  let redis: RedisServer | undefined;
  let run = 0;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-login-rotation-'));
    usersFile = path.join(dir, 'users.json');
    await addUserCommand([usersFile, 'alice'], Readable.from(['wonder land\n']), () => undefined);
    await addUserCommand([usersFile, 'bob'], Readable.from(['builder\n']), () => undefined);
  });

  after(async () => {
    await redis?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const stores: Array<[string, () => Promise<Partial<RuntimeOptions>>]> = [
    ['the memory store', async () => ({})],
    ['the memory store with sessionLock', async () => ({ sessionLock: true })],
    [
      'Redis',
      async () => {
        redis ??= await RedisServer.start();
        return { redisUrl: redis.url };
      },
    ],
    [
      'Redis with sessionLock',
      async () => {
        redis ??= await RedisServer.start();
        return { redisUrl: redis.url, sessionLock: true };
      },
    ],
  ];

  for (const [name, storeOptions] of stores)
    describe(name, () => {
      let harness: Harness;
      let idChanges: string[];

      beforeEach(async () => {
        idChanges = [];
        harness = await startRuntime({
          ...(await storeOptions()),
          root: embeddingScriptsDir,
          // Each run its own application: sessions a run leaves in Redis are not the next one's.
          applicationName: `shop${++run}`,
          usersFile,
          // Only who.js needs a user: session-ops.js is served anonymously too.
          requireUser: ['who'],
          listeners: [
            {
              sessionIdChanged: (event: HttpSessionEvent, oldId: string) =>
                void idChanges.push(`${oldId} -> ${event.session.getId()}`),
            },
          ],
        });
      });

      afterEach(() => harness?.close());

      it('a session made anonymously gets a new id when a user logs in with its cookie; the old id finds nothing', async () => {
        const client = harness.client();
        const anonymous = await sessionOps(client, undefined, {}, { set: { cart: 'apple' }, interval: 900 });
        const planted = anonymous.setId as string;
        expect(planted).to.match(/^[\w-]{32}$/);

        const login = await sessionOps(client, planted, ALICE);
        const rotated = login.setId as string;
        expect(rotated, 'a new cookie')
          .to.match(/^[\w-]{32}$/)
          .and.not.equal(planted);
        expect(login.setCookies).to.have.length(1);
        expect(login.report.idBefore, 'the script sees the new id').to.equal(rotated);
        expect(login.report.attributes).to.deep.equal({ cart: 'apple' });
        expect(login.report.interval).to.equal(900);
        expect(login.report.created).to.equal(anonymous.report.created);
        expect(idChanges).to.deep.equal([`${planted} -> ${rotated}`]);

        const attacker = await sessionOps(harness.client(), planted);
        expect(attacker.report.attributes, 'the planted id finds nothing').to.deep.equal({});
        expect(attacker.report.idBefore).to.not.equal(rotated);

        const again = await sessionOps(client, rotated, ALICE, { set: { step: 2 } });
        expect(again.setCookies, 'a returning user: no new id').to.deep.equal([]);
        expect(again.report.attributes).to.deep.equal({ cart: 'apple', step: 2 });
        const publicPage = await sessionOps(client, rotated);
        expect(publicPage.setCookies, 'no user (a public page): the session goes on').to.deep.equal([]);
        expect(publicPage.report.attributes).to.deep.equal({ cart: 'apple', step: 2 });
        expect(idChanges).to.have.length(1);
        expect((await harness.runtime.sessions.admin.find('alice')).map((found) => found.idHash)).to.have.length(1);
      });

      it('another user (alice, then bob) gets a new id again', async () => {
        const client = harness.client();
        const alice = (await sessionOps(client, undefined, ALICE, { set: { cart: 'apple' } })).setId as string;
        expect(idChanges, 'a session made in an authenticated request is not rotated').to.deep.equal([]);
        const bob = await sessionOps(client, alice, BOB);
        expect(bob.setId)
          .to.match(/^[\w-]{32}$/)
          .and.not.equal(alice);
        expect(bob.report.attributes).to.deep.equal({ cart: 'apple' });
        expect(idChanges).to.deep.equal([`${alice} -> ${bob.setId}`]);
        expect((await sessionOps(harness.client(), alice)).report.attributes).to.deep.equal({});
        expect(await harness.runtime.sessions.admin.find('alice')).to.deep.equal([]);
        expect(await harness.runtime.sessions.admin.find('bob')).to.have.length(1);
      });

      it("a login script's own changeSessionId(): one rotation, not two", async () => {
        const client = harness.client();
        const planted = (await sessionOps(client, undefined, {}, { set: { cart: 'apple' } })).setId as string;
        const login = await sessionOps(client, planted, ALICE, { changeId: true });
        expect(login.setCookies).to.have.length(1);
        expect(login.setId).to.equal(login.report.changedTo);
        expect(idChanges).to.deep.equal([`${planted} -> ${login.report.changedTo}`]);
        expect((await sessionOps(client, login.setId, ALICE)).report.attributes).to.deep.equal({ cart: 'apple' });
        expect(idChanges).to.have.length(1);
      });

      it('a login request whose script does not use the session never leaves the user on the planted id', async () => {
        const client = harness.client();
        const planted = (await sessionOps(client, undefined, {}, { set: { cart: 'apple' } })).setId as string;
        client.cookies.set('JSESSIONID', planted);
        // who.js runs without its session (not loaded: nothing bound) or, with sessionLock and a
        // script not yet known, with it loaded (bound, so rotated): either way the planted id ends.
        const who = await client.request('/services/js/who.js', { headers: ALICE });
        expect(who.json<{ user: string }>().user).to.equal('alice');
        const login = await sessionOps(client, client.cookies.get('JSESSIONID'), ALICE);
        expect(login.report.id)
          .to.match(/^[\w-]{32}$/)
          .and.not.equal(planted);
        expect(login.report.attributes).to.deep.equal({ cart: 'apple' });
        expect(idChanges).to.have.length(1);
        expect((await sessionOps(harness.client(), planted)).report.attributes).to.deep.equal({});
      });
    });

  describe('which sessions a user rotates (RequestSession)', () => {
    /**
     * Opens stored session `id` for a request of `user` and closes it with `ops`: the id the
     * sandbox saw, and the cookie the response sets (its id), if any.
     */
    async function userRequest(
      manager: ReturnType<typeof managerFixture>['manager'],
      id: string,
      user: string | undefined,
      ops: SessionOp[] = [{ op: 'access' }],
    ) {
      const opened = await RequestSession.open(manager, defaultCookieOptions, {
        requestedId: id,
        time: manager.clock.now(),
        secure: false,
        user,
      });
      const seen = opened.snapshot()?.id;
      const headers = await opened.close(ops);
      return { seen, setId: /^JSESSIONID=([^;]*)/.exec(headers[0]?.[1] ?? '')?.[1] };
    }

    async function fixture(options: SessionManagerOptions = {}) {
      const { manager, storedSession } = managerFixture(options);
      const id = (await storedSession({ cart: 'apple' })).getId();
      return { manager, id };
    }

    it('rotates once, then a returning user costs nothing: no new id while the recorded principal is the user', async () => {
      const { manager, id } = await fixture();
      const login = await userRequest(manager, id, 'alice');
      expect(login.setId).to.equal(login.seen).and.not.equal(id);
      expect(await userRequest(manager, login.setId as string, 'alice')).to.deep.equal({
        seen: login.setId,
        setId: undefined,
      });
      expect(await manager.find(id)).to.equal(undefined);
    });

    it('a request that invalidates its session (a logout) or rotates it itself gets no second id', async () => {
      const { manager, id } = await fixture();
      const created = 'c'.repeat(32);
      const logout = await userRequest(manager, id, 'alice', [
        { op: 'access' },
        { op: 'invalidate' },
        { op: 'create', id: created },
        { op: 'set', name: 'x', json: '1' },
      ]);
      expect(logout.setId).to.equal(created);
      const own = 'o'.repeat(32);
      const bob = await userRequest(manager, created, 'bob', [{ op: 'access' }, { op: 'changeId', id: own }]);
      expect(bob.setId).to.equal(own);
    });

    it("with principalAttribute, a session whose attribute names its principal is the app's: no rotation", async () => {
      const { manager, storedSession } = managerFixture({ principalAttribute: 'login' });
      const appLogin = (await storedSession({ login: 'u-42' })).getId();
      expect((await userRequest(manager, appLogin, 'alice')).setId).to.equal(undefined);
      const anonymous = (await storedSession({ cart: 'apple' })).getId();
      expect((await userRequest(manager, anonymous, 'alice')).setId).to.match(/^[\w-]{32}$/);
    });

    it('a store that records no principals (no setPrincipal): nothing to compare with, no rotation', async () => {
      const store = new MemoryStore();
      Object.defineProperty(store, 'setPrincipal', { value: undefined });
      const { manager, id } = await fixture({ store });
      expect(await userRequest(manager, id, 'alice')).to.deep.equal({ seen: id, setId: undefined });
    });
  });

  it("an Express app's req.user (way 2) counts: the first script request of a new user rotates the id", async () => {
    const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const app = express();
    // What Passport leaves after the app's own login: here, the user the request names.
    app.use((req, _res, next) => {
      const user = req.headers['x-user'];
      if (typeof user === 'string') Object.assign(req, { user: { username: user } });
      next();
    });
    app.use(runtime.handler);
    const server = await listenOnLoopback(app);
    try {
      const client = new CookieJarClient(server.url);
      const planted = (await sessionOps(client, undefined, {}, { set: { cart: 'apple' } })).setId as string;
      const login = await sessionOps(client, planted, { 'x-user': 'carol' });
      expect(login.setId)
        .to.match(/^[\w-]{32}$/)
        .and.not.equal(planted);
      expect(login.report.attributes).to.deep.equal({ cart: 'apple' });
      expect((await sessionOps(client, login.setId, { 'x-user': 'carol' })).setCookies).to.deep.equal([]);
      expect((await sessionOps(new CookieJarClient(server.url), planted)).report.attributes).to.deep.equal({});
    } finally {
      await runtime.close();
      await server.close();
    }
  });

  it('the serve command with --users-file: the planted id ends at the login, the user keeps the attributes', async () => {
    await buildDist();
    const serve = await startServeProcess(embeddingScriptsDir, [
      '--workers',
      '1',
      '--users-file',
      usersFile,
      '--require-user',
      'who',
    ]);
    try {
      const client = new CookieJarClient(serve.url);
      const planted = (await sessionOps(client, undefined, {}, { set: { cart: 'apple' } })).setId as string;
      const login = await sessionOps(client, planted, BOB);
      expect(login.setId)
        .to.match(/^[\w-]{32}$/)
        .and.not.equal(planted);
      expect(login.report.attributes).to.deep.equal({ cart: 'apple' });
      expect((await sessionOps(client, login.setId, BOB)).setCookies).to.deep.equal([]);
      expect((await sessionOps(new CookieJarClient(serve.url), planted)).report.attributes).to.deep.equal({});
    } finally {
      expect(await serve.stop()).to.equal(0);
    }
  });
});
