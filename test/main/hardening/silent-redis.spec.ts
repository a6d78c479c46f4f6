/**
 * Issue 14, failures 6 and 7: a silent Redis (paused with SIGSTOP: the connection stays open and
 * nothing answers, as in a partition) gives 503 ERR_STORE_UNAVAILABLE after `storeTimeout`, not
 * after minutes; a script that does not use the session is answered without the store (never
 * waiting for it: its session is loaded only if it asks, main/server/deferred-session.ts); shutdown
 * still ends, for close() and for the CLI's SIGTERM; and everything recovers when Redis answers
 * again. A real redis-server throughout.
 */
import { expect } from 'chai';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { scriptsDir } from '../../support/paths.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { buildDist, startServeProcess } from '../../support/serve-process.js';

describe('hardening: a silent Redis', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let harness: Harness;

  before(async function () {
    this.timeout(120_000);
    redis = await RedisServer.start();
    harness = await startRuntime({ redisUrl: redis.url, storeTimeout: 500, shutdownTimeout: 3000 });
  });
  after(async () => {
    redis.resume();
    await harness.close().catch(() => undefined);
    await redis.dispose();
  });

  it('with a session cookie: a script without session use answers 200, one using it 503, then it recovers', async () => {
    const client = harness.client();
    expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('1');
    redis.pause();
    try {
      const plain = await client.get('/services/js/hello.js');
      expect(plain.status).to.equal(200);
      expect(plain.text).to.equal('hello');
      const needing = await client.get('/services/js/hardening/counter.js');
      expect(needing.status).to.equal(503);
      expect(needing.json()).to.include({ code: 'ERR_STORE_UNAVAILABLE' });
      expect(needing.setCookies).to.deep.equal([]);
    } finally {
      redis.resume();
    }
    let back = await client.get('/services/js/hardening/counter.js');
    for (let tries = 0; back.status === 503 && tries < 50; tries++)
      back = await client.get('/services/js/hardening/counter.js');
    expect(back.status).to.equal(200);
    expect(back.text).to.equal('2');
  });

  it('a script that never touches the session is answered while Redis is still stopped, however long storeTimeout', async function () {
    // storeTimeout far past this test's own timeout: a request that waited for the store would fail the test.
    this.timeout(20_000);
    const own = await startRuntime({ redisUrl: redis.url, storeTimeout: 600_000 });
    try {
      const client = own.client();
      expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('1');
      expect(client.cookies.has('JSESSIONID')).to.equal(true);
      // Its last run did not use the session.
      expect((await client.get('/services/js/maybe-session.js')).text).to.equal('plain');
      redis.pause();
      try {
        // A first run, and a run of a script whose last run did not use the session: both without the store.
        const first = await client.get('/services/js/hello.js');
        expect(first.status).to.equal(200);
        expect(first.text).to.equal('hello');
        const again = await client.get('/services/js/maybe-session.js');
        expect(again.status).to.equal(200);
        expect(again.text).to.equal('plain');
        expect(again.setCookies).to.deep.equal([]);
      } finally {
        redis.resume();
      }
      expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('2');
    } finally {
      await own.close();
    }
  });

  it('a first run that touches the session while Redis is silent: 503 ERR_STORE_UNAVAILABLE from its deferred load', async () => {
    const client = harness.client();
    expect((await client.get('/services/js/session-info.js?set=user&value=ann')).status).to.equal(200);
    redis.pause();
    try {
      const touching = await client.get('/services/js/hardening/session-touch.js');
      expect(touching.status).to.equal(503);
      expect(touching.json()).to.include({ code: 'ERR_STORE_UNAVAILABLE' });
      expect(touching.setCookies).to.deep.equal([]);
    } finally {
      redis.resume();
    }
    let back = await client.get('/services/js/hardening/session-touch.js');
    for (let tries = 0; back.status === 503 && tries < 50; tries++)
      back = await client.get('/services/js/hardening/session-touch.js');
    expect(back.status).to.equal(200);
    expect(back.text).to.equal('ann');
  });

  it('close() while Redis is silent ends within shutdownTimeout', async () => {
    const own = await startRuntime({ redisUrl: redis.url, storeTimeout: 500, shutdownTimeout: 2000 });
    const client = own.client();
    expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('1');
    redis.pause();
    try {
      const pending = client.get('/services/js/hardening/counter.js').catch(() => undefined);
      const outcome = await own.close().then(
        () => 'closed',
        (error: { code?: string }) => error.code,
      );
      expect(['closed', 'ERR_SHUTDOWN_TIMEOUT']).to.include(outcome);
      await pending;
    } finally {
      redis.resume();
    }
  });

  it('the CLI: SIGTERM while Redis is silent and a request waits on it exits (code 0 or 1), not when Redis answers', async function () {
    this.timeout(120_000);
    await buildDist();
    const serve = await startServeProcess(scriptsDir, [
      '--workers',
      '1',
      '--redis-url',
      redis.url,
      '--store-timeout',
      '500',
      '--shutdown-timeout',
      '2000',
    ]);
    const client = new CookieJarClient(serve.url);
    expect((await client.get('/services/js/hardening/counter.js')).text).to.equal('1');
    redis.pause();
    try {
      const pending = client.get('/services/js/hardening/counter.js').catch(() => undefined);
      expect([0, 1]).to.include(await serve.stop());
      await pending;
    } finally {
      redis.resume();
    }
  });
});
