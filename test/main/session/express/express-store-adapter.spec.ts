/**
 * express-session stores as this runtime's store: express-session's MemoryStore (callback style)
 * and connect-redis on a real Redis (promise style), through the adapter; a store that fits no
 * contract is refused at start-up naming what is missing.
 */
import { expect } from 'chai';
import { RedisStore as ConnectRedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import type { RedisClientType } from 'redis';
import { createRuntime } from '../../../../main/server/runtime.js';
import { CookieJarClient } from '../../../support/cookie-jar-client.js';
import { listenOnLoopback } from '../../../support/express-app.js';
import { startGate } from '../../../support/gate-server.js';
import { RedisServer } from '../../../support/redis-server.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';
import { scriptsDir } from '../../../support/paths.js';

function runtimeSpecs(name: string, makeStore: () => Promise<session.Store>, cleanUp: () => Promise<void>) {
  describe(name, () => {
    let harness: Harness;
    let store: session.Store;
    before(async () => {
      store = await makeStore();
      harness = await startRuntime({ store });
    });
    after(async () => {
      await harness.close();
      await cleanUp();
    });

    it('keeps a session across requests (Basic Usage) and stores it in the express-session store', async () => {
      const client = harness.client();
      expect((await client.get('/services/js/basic-usage.js')).text).to.equal('[Attribute]: value1\n');
      const id = client.cookies.get('JSESSIONID') as string;
      const entry = await new Promise<Record<string, unknown> | null | undefined>((resolve, reject) =>
        store.get(`default:${id}`, (error, value) => (error ? reject(error) : resolve(value as never))),
      );
      expect(entry?.['cookie']).to.include({ originalMaxAge: 1_800_000 });
      expect((entry?.['servlet'] as { attributes: unknown } | undefined)?.attributes).to.deep.equal([
        ['attr1', '"value1"'],
      ]);
    });

    it('invalidate() removes it from the store; the old id is not found again', async () => {
      const client = harness.client();
      await client.get('/services/js/basic-usage.js');
      const id = client.cookies.get('JSESSIONID') as string;
      await client.get('/services/js/logout.js');
      expect(client.cookies.has('JSESSIONID')).to.equal(false);
      expect(await harness.runtime.sessions.find(id)).to.equal(undefined);
    });

    it('changeSessionId() moves the session to the new id', async () => {
      const client = harness.client();
      await client.get('/services/js/basic-usage.js');
      const before = client.cookies.get('JSESSIONID') as string;
      const changed = (await client.get('/services/js/change-id.js')).json<{ oldId: string; newId: string }>();
      expect(changed.oldId).to.equal(before);
      expect(client.cookies.get('JSESSIONID')).to.equal(changed.newId);
      expect(await harness.runtime.sessions.find(before)).to.equal(undefined);
      expect((await harness.runtime.sessions.find(changed.newId))?.getAttribute('attr1')).to.equal('value1');
    });

    it("an Express app's request still running while another request of the session logs in keeps its write, under the new id", async () => {
      const runtime = createRuntime({
        root: scriptsDir,
        store,
        workers: 2,
        sweepInterval: 0,
        allowedHosts: ['127.0.0.1'],
        log: () => undefined,
      });
      const app = express();
      app.use(runtime.handler);
      const listening = await listenOnLoopback(app);
      const gate = await startGate();
      try {
        // One browser, two tabs: one cookie jar.
        const client = new CookieJarClient(listening.url);
        await client.get('/services/js/session-info.js?set=theme&value=dark');
        const oldId = client.cookies.get('JSESSIONID');
        const running = client.get(`/services/js/gated-set.js?gate=${encodeURIComponent(gate.url)}&set=cart&value=3`);
        await gate.arrived;
        const login = await client.get('/services/js/rotating-login.js?user=ann');
        const newId = login.text;
        expect(client.cookies.get('JSESSIONID')).to.equal(newId);
        gate.release();
        const written = await running;
        expect(written.status).to.equal(200);
        expect(written.json<{ idBefore: string }>().idBefore).to.equal(oldId);
        expect(written.setCookies, 'no Set-Cookie: the login already sent the new id').to.deep.equal([]);
        const after = (await client.get('/services/js/session-info.js')).json<{ attributes: object }>();
        expect(after.attributes, "the write is kept, beside the login's").to.deep.equal({
          theme: 'dark',
          user: 'ann',
          cart: '3',
        });
      } finally {
        gate.release();
        await gate.close();
        await listening.close();
        await runtime.close();
      }
    });
  });
}

describe('express-session stores through the adapter', () => {
  runtimeSpecs(
    'express-session MemoryStore (callbacks)',
    async () => new session.MemoryStore(),
    async () => undefined,
  );

  let redis: RedisServer | undefined;
  let client: RedisClientType | undefined;
  runtimeSpecs(
    'connect-redis on a real Redis (promises)',
    async () => {
      redis = await RedisServer.start();
      client = await redis.connectClient();
      return new ConnectRedisStore({ client, prefix: 'sess:' });
    },
    async () => {
      await client?.close();
      await redis?.stop();
    },
  );

  it('refuses a store that fits no contract, naming what is missing for each', () => {
    expect(() => createRuntime({ root: scriptsDir, store: { get() {}, set() {} } as never })).to.throw(
      'option "store" fits no store contract: a SessionStore lacks create, update, destroy; an express-session store lacks destroy',
    );
  });
});
