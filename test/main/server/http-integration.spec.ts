/**
 * HTTP integration: a real runtime with real sandbox workers, driven with a cookie jar.
 */
import { expect } from 'chai';
import type { Harness } from '../../support/runtime-harness.js';
import { startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

interface Info {
  isNew: boolean;
  names: string[];
  attributes: Record<string, unknown>;
  id?: string;
  creationTime?: number;
  lastAccessedTime?: number;
  maxInactiveInterval: number;
}

describe('HTTP integration', () => {
  let now = 1_700_000_000_000;
  const clock = { now: () => now };
  let harness: Harness;

  before(async () => {
    harness = await startRuntime({ clock, timeout: 500, memoryLimit: 64, workers: 2 });
  });
  after(() => harness.close());

  describe('Basic Usage', () => {
    it('answers [Attribute]: value1 with an HttpOnly, SameSite=Lax JSESSIONID cookie', async () => {
      const client = harness.client();
      const response = await client.get('/services/js/basic-usage.js');
      expect(response.status).to.equal(200);
      expect(response.text).to.equal('[Attribute]: value1\n');
      expect(response.setCookies).to.have.length(1);
      const cookie = response.setCookies[0] ?? '';
      expect(cookie).to.match(/^JSESSIONID=[A-Za-z0-9_-]{32}; /);
      expect(cookie).to.include('HttpOnly');
      expect(cookie).to.include('SameSite=Lax');
      expect(cookie).to.include('Path=/');
      expect(cookie).not.to.include('Secure');
    });
  });

  describe('session across requests', () => {
    it('is new on the first visit, not new on the second, and keeps the attribute', async () => {
      const client = harness.client();
      const first = (await client.get('/services/js/session-info.js?set=color&value=blue')).json<Info>();
      expect(first.isNew).to.equal(true);
      expect(first.attributes).to.deep.equal({ color: 'blue' });
      const second = (await client.get('/services/js/session-info.js')).json<Info>();
      expect(second.isNew).to.equal(false);
      expect(second.attributes).to.deep.equal({ color: 'blue' });
    });

    it('sets no cookie and stores nothing for a session that was only read', async () => {
      const client = harness.client();
      const response = await client.get('/services/js/session-info.js');
      expect(response.json<Info>().isNew).to.equal(true);
      expect(response.setCookies).to.deep.equal([]);
    });

    it('does not adopt a forged id: a new session gets a new id', async () => {
      const client = harness.client();
      const forged = 'A'.repeat(32);
      client.cookies.set('JSESSIONID', forged);
      const response = await client.get('/services/js/session-info.js?set=a&value=1&identify=1');
      const info = response.json<Info>();
      expect(info.isNew).to.equal(true);
      expect(info.id).to.not.equal(forged);
      expect(client.cookies.get('JSESSIONID')).to.equal(info.id);
      const { sessions } = harness.runtime;
      expect(await sessions.store.get(sessions.storeKey(forged))).to.equal(undefined);
      expect(await sessions.store.get(sessions.storeKey(info.id ?? ''))).to.not.equal(undefined);
    });

    it('ignores malformed cookies', async () => {
      const client = harness.client();
      const response = await client.request('/services/js/session-info.js', {
        headers: { cookie: 'JSESSIONID=%%%; =;;; x' },
      });
      expect(response.status).to.equal(200);
      expect(response.json<Info>().isNew).to.equal(true);
    });

    it('after logout the next request has a new session and the cookie is cleared', async () => {
      const client = harness.client();
      const before = (await client.get('/services/js/session-info.js?set=user&value=ann&identify=1')).json<Info>();
      const { sessions } = harness.runtime;
      expect(await sessions.store.get(sessions.storeKey(before.id ?? ''))).to.not.equal(undefined);
      const logout = await client.get('/services/js/logout.js');
      expect(logout.setCookies.join()).to.match(/JSESSIONID=;.*Max-Age=0/);
      expect(await sessions.store.get(sessions.storeKey(before.id ?? ''))).to.equal(undefined);
      const after = (await client.get('/services/js/session-info.js?identify=1')).json<Info>();
      expect(after.isNew).to.equal(true);
      expect(after.id).to.not.equal(before.id);
      expect(after.attributes).to.deep.equal({});
    });

    it('an expired session is gone', async () => {
      const client = harness.client();
      const first = (await client.get('/services/js/session-info.js?set=k&value=v&identify=1')).json<Info>();
      now += first.maxInactiveInterval * 1000;
      const later = (await client.get('/services/js/session-info.js?identify=1')).json<Info>();
      expect(later.isNew).to.equal(true);
      expect(later.id).to.not.equal(first.id);
      expect(later.attributes).to.deep.equal({});
    });

    it('reports the previous request time as last accessed time', async () => {
      const client = harness.client();
      const start = now;
      const first = (await client.get('/services/js/session-info.js?set=k&value=v&identify=1')).json<Info>();
      expect(first.creationTime).to.equal(start);
      expect(first.lastAccessedTime).to.equal(start);
      now += 5000;
      const second = (await client.get('/services/js/session-info.js?identify=1')).json<Info>();
      expect(second.lastAccessedTime).to.equal(start);
      now += 5000;
      const third = (await client.get('/services/js/session-info.js?identify=1')).json<Info>();
      expect(third.lastAccessedTime).to.equal(start + 5000);
      expect(third.creationTime).to.equal(start);
    });
  });

  describe('errors', () => {
    it('a throwing script gives 500 JSON with the script error name and message, and code "" (it has none)', async () => {
      const response = await harness.client().get('/services/js/throws.js');
      expect(response.status).to.equal(500);
      expect(response.headers.get('content-type')).to.match(/^application\/json/);
      expect(response.json()).to.deep.equal({
        status: 500,
        error: 'RangeError',
        code: '',
        message: 'the script failed on purpose',
      });
      expect(response.json()).not.to.have.property('stack');
    });

    it('an unknown script is 404', async () => {
      const response = await harness.client().get('/services/js/nope.js');
      expect(response.status).to.equal(404);
    });

    it('a path outside the root is 404 and nothing is read', async () => {
      for (const path of [
        '/services/js/../outside/secret.js',
        '/services/js/%2e%2e/outside/secret.js',
        '/services/js/..%2Foutside%2Fsecret.js',
        '/services/js/%2e%2e%2foutside/secret.js',
      ]) {
        const response = await harness.client().get(path);
        expect(response.status, path).to.equal(404);
        expect(response.text).not.to.include('SECRET');
      }
    });

    it('an infinite loop gives 500 naming the timeout while other requests are answered', async () => {
      let loopAnswered = false;
      const looping = harness
        .client()
        .get('/services/js/infinite-loop.js')
        .finally(() => {
          loopAnswered = true;
        });
      // Proof of overlap: the loop is in a worker before, and still unanswered after, the other request.
      await until(() => harness.runtime.stats().busy > 0);
      const answered = await harness.client().get('/services/js/hello.js');
      expect(answered.text).to.equal('hello');
      expect(loopAnswered, 'the loop was answered before the other request').to.equal(false);
      const response = await looping;
      expect(response.status).to.equal(500);
      expect(response.json()).to.include({ code: 'ERR_SCRIPT_TIMEOUT' });
      expect(response.json<{ message: string }>().message).to.include('500 ms');
    });
  });

  describe('memory limit', () => {
    // A generous time limit, so the bomb always reaches the heap limit first, even on a busy machine.
    let bombHarness: Harness;
    before(async () => {
      bombHarness = await startRuntime({ clock, timeout: 60_000, memoryLimit: 64, workers: 1 });
    });
    after(() => bombHarness.close());

    it('the Map-growth memory bomb fails its request; the server answers the next one and sessions survive', async () => {
      const client = bombHarness.client();
      await client.get('/services/js/session-info.js?set=keep&value=me');
      const bomb = await bombHarness.client().get('/services/js/map-bomb.js');
      expect(bomb.status).to.be.oneOf([500, 503]);
      expect(bomb.json<{ message: string }>().message).to.match(/memory limit of 64 MB|worker/);
      const next = await bombHarness.client().get('/services/js/hello.js');
      expect(next.text).to.equal('hello');
      const info = (await client.get('/services/js/session-info.js')).json<Info>();
      expect(info.attributes).to.deep.equal({ keep: 'me' });
    });
  });
});
