/**
 * `expressSession`: an Express 5 app with express.json(), express.urlencoded(), express-session
 * and a Passport-style user; its routes and its scripts share one session and one user. Run with
 * express-session's MemoryStore and with connect-redis on a real Redis.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { RedisStore as ConnectRedisStore } from 'connect-redis';
import cookieSession from 'cookie-session';
import express from 'express';
import session from 'express-session';
import type { RedisClientType } from 'redis';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { createRuntime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir, type ExpressApp, startExpressApp } from '../../support/express-app.js';
import { RedisServer } from '../../support/redis-server.js';

interface Report {
  idBefore: string;
  id: string;
  isNew: boolean;
  isNewBefore: boolean;
  interval: number;
  created: number;
  lastAccessed: number;
  idAfterInvalidate?: string;
  changedTo?: string;
  attributes: Record<string, unknown>;
}

const json = { 'content-type': 'application/json' };

/**
 * The app's own view of session `id`: stored with a cookie of `maxAge` ms. express-session reads
 * `originalMaxAge` back as expires - now, a moment after it set expires to now + maxAge, so it is
 * a millisecond short when the clock ticked in between.
 */
async function expectStoredMaxAge(client: CookieJarClient, id: string, maxAge: number): Promise<void> {
  const stored = (await client.get('/app/max-age')).json<{ id: string; originalMaxAge: number }>();
  expect(stored.id).to.equal(id);
  expect(stored.originalMaxAge).to.be.within(maxAge - 10, maxAge);
}

function sessionModeSpecs(name: string, makeStore: () => Promise<session.Store>, cleanUp: () => Promise<void>): void {
  describe(`with ${name}`, () => {
    let app: ExpressApp;
    let client: CookieJarClient;
    before(async () => {
      app = await startExpressApp({ store: await makeStore() });
    });
    after(async () => {
      await app.close();
      await cleanUp();
    });
    beforeEach(() => {
      client = new CookieJarClient(app.url);
    });

    async function ops(body: object): Promise<Report> {
      const response = await client.request('/services/js/session-ops.js', {
        method: 'POST',
        headers: json,
        body: JSON.stringify(body),
      });
      expect(response.status, response.text).to.equal(200);
      return response.json<Report>();
    }

    it('a script reads what a route stored, under the app session id', async () => {
      const stored = await client.request('/app/attribute', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'cart', value: ['apple'] }),
      });
      const { id } = stored.json<{ id: string }>();
      const report = await ops({});
      expect(report.id).to.equal(id);
      expect(report.isNew).to.equal(false);
      expect(report.attributes).to.deep.equal({ cart: ['apple'] });
      expect([...client.cookies.keys()]).to.deep.equal(['connect.sid']);
    });

    it('a route reads what a script stored, saved before the response went out', async () => {
      const report = await ops({ set: { greeting: 'hello', count: 2 } });
      expect(report.isNew).to.equal(true);
      const cookie = client.cookies.get('connect.sid');
      expect(cookie).to.be.a('string');
      const read = (await client.get('/app/attribute?name=greeting')).json<{ id: string; value: unknown }>();
      expect(read).to.deep.equal({ id: report.id, value: 'hello' });
      expect((await ops({ remove: ['greeting'] })).attributes).to.deep.equal({ count: 2 });
      expect((await client.get('/app/attribute?name=greeting')).json<{ value: unknown }>().value).to.equal(null);
    });

    it('the interval and the times come from the app session', async () => {
      const first = await ops({ set: { a: 1 } });
      expect(first.interval).to.equal(600);
      const second = await ops({ interval: 120 });
      expect(second.created).to.equal(first.created);
      expect(second.lastAccessed).to.be.at.least(first.created);
      expect(second.interval).to.equal(120);
      expect((await ops({})).interval).to.equal(120);
    });

    it('invalidate() destroys the app session; the next request has a new one', async () => {
      const first = await ops({ set: { user: 'ann' } });
      const ended = await ops({ invalidate: true, set: { fresh: true } });
      expect(ended.idBefore).to.equal(first.id);
      expect(ended.id).to.not.equal(first.id);
      expect(ended.attributes).to.deep.equal({ fresh: true });
      const route = (await client.get('/app/attribute?name=user')).json<{ id: string; value: unknown }>();
      expect(route).to.deep.equal({ id: ended.id, value: null });
      const again = await ops({});
      expect(again.id).to.equal(ended.id);
      expect(again.attributes).to.deep.equal({ fresh: true });
    });

    it("a session created after invalidate() reports the app's max age, the one it is stored with", async () => {
      const first = await ops({ set: { user: 'ann' } });
      expect((await ops({ interval: 120 })).interval).to.equal(120);
      const ended = await ops({ invalidate: true, set: { fresh: true } });
      expect(ended.id).to.not.equal(first.id);
      expect(ended.interval).to.equal(600);
      await expectStoredMaxAge(client, ended.id, 600_000);
    });

    it('changeSessionId() gives the app session a new id and keeps its attributes', async () => {
      const first = await ops({ set: { user: 'bob' } });
      const changed = await ops({ changeId: true });
      expect(changed.changedTo).to.equal(changed.id);
      expect(changed.id).to.not.equal(first.id);
      const route = (await client.get('/app/attribute?name=user')).json<{ id: string; value: unknown }>();
      expect(route).to.deep.equal({ id: changed.id, value: 'bob' });
    });

    it('a session only read by a script is not saved and sets no cookie', async () => {
      const report = await ops({});
      expect(report.isNew).to.equal(true);
      expect(client.cookies.size).to.equal(0);
    });

    it('scripts see the Passport-style user the app put on req.user', async () => {
      const login = await client.request('/app/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=carol',
      });
      expect(login.status).to.equal(303);
      const who = (await client.get('/services/js/who.js')).json();
      expect(who).to.deep.equal({ user: 'carol', admin: false, reader: true, authType: null });
    });

    it('a script cannot overwrite what express-session keeps on the session (cookie, save …)', async () => {
      const response = await client.request('/services/js/session-ops.js', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ set: { save: 'x' } }),
      });
      expect(response.status).to.equal(500);
      expect(response.json<{ code: string }>().code).to.equal('ERR_INVALID_ATTRIBUTE');
    });
  });
}

describe('expressSession: one session for an Express app and its scripts', () => {
  sessionModeSpecs(
    'express-session MemoryStore',
    async () => new session.MemoryStore(),
    async () => undefined,
  );

  let redis: RedisServer | undefined;
  let redisClient: RedisClientType | undefined;
  sessionModeSpecs(
    'connect-redis on a real Redis',
    async () => {
      redis = await RedisServer.start();
      redisClient = await redis.connectClient();
      return new ConnectRedisStore({ client: redisClient, prefix: 'app:' });
    },
    async () => {
      await redisClient?.close();
      await redis?.stop();
    },
  );

  it("a session created after invalidate() gets the max age the app's cookie function gives the request", async () => {
    // express-session's cookie option as a function of the request: a short session for kiosks.
    const app = await startExpressApp({
      cookie: (req) => ({ maxAge: req.headers['x-kiosk'] === undefined ? 600_000 : 60_000 }),
    });
    try {
      const client = new CookieJarClient(app.url);
      const post = async (body: object): Promise<Report> => {
        const response = await client.request('/services/js/session-ops.js', {
          method: 'POST',
          headers: { ...json, 'x-kiosk': '1' },
          body: JSON.stringify(body),
        });
        return response.json<Report>();
      };
      expect((await post({ set: { a: 1 } })).interval).to.equal(60);
      expect((await post({ interval: 120 })).interval).to.equal(120);
      const ended = await post({ invalidate: true, set: { fresh: true } });
      expect(ended.interval).to.equal(60);
      await expectStoredMaxAge(client, ended.id, 60_000);
    } finally {
      await app.close();
    }
  });

  it('without express-session in front, a script answers 500 ERR_NO_APP_SESSION', async () => {
    const { createRuntime } = await import('../../../main/server/runtime.js');
    const { embeddingScriptsDir } = await import('../../support/express-app.js');
    const runtime = createRuntime({
      root: embeddingScriptsDir,
      workers: 1,
      expressSession: true,
      log: () => undefined,
    });
    try {
      const { url } = await runtime.listen(0, '127.0.0.1');
      const response = await new CookieJarClient(url).get('/services/js/session-ops.js');
      expect(response.status).to.equal(500);
      expect(response.json<{ code: string }>().code).to.equal('ERR_NO_APP_SESSION');
    } finally {
      await runtime.close();
    }
  });

  it('with cookie-session in front (a req.session without save, destroy, regenerate), a script answers 500 ERR_NO_APP_SESSION naming what it lacks', async () => {
    const runtime = createRuntime({
      root: embeddingScriptsDir,
      workers: 1,
      expressSession: true,
      log: () => undefined,
    });
    const app = express();
    app.use(cookieSession({ name: 'cs', keys: ['test key'] }));
    app.use(runtime.handler);
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const response = await new CookieJarClient(`http://127.0.0.1:${port}`).get('/services/js/session-ops.js');
      expect(response.status).to.equal(500);
      const { code, message } = response.json<{ code: string; message: string }>();
      expect(code).to.equal('ERR_NO_APP_SESSION');
      expect(message).to.equal(
        'option expressSession is on but req.session is not an express-session session (it lacks save, destroy, regenerate, id): mount express-session before the runtime',
      );
    } finally {
      server.closeAllConnections();
      server.close();
      await runtime.close();
    }
  });
});
