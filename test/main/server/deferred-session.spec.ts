/**
 * Issue 14: a script that does not use the session is never held up by the store. A script whose
 * last run did not use the session (and every script on its first run, unless sessionLock is on
 * and the request names a session) runs without it; if it asks, its worker loads it from the main
 * process then (the deferred path). Here, over HTTP, in memory and on a real Redis: the deferred
 * path gives the same session, cookie, access times and lock as the eager one.
 */
import { expect } from 'chai';
import type { RuntimeOptions } from '../../../main/server/options.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const SCRIPT = '/services/js/maybe-session.js';

interface Info {
  isNew: boolean;
  attributes: Record<string, unknown>;
  id: string;
  creationTime: number;
  lastAccessedTime: number;
}

for (const store of ['memory', 'redis'] as const) {
  describe(`deferred session load (${store})`, function () {
    this.timeout(120_000);
    let redis: RedisServer | undefined;

    before(async function () {
      this.timeout(120_000);
      if (store === 'redis') redis = await RedisServer.start();
    });
    after(async () => {
      await redis?.dispose();
    });

    /** A runtime on this spec's store, with `options`. */
    function start(options: Partial<RuntimeOptions> = {}): Promise<Harness> {
      return startRuntime({ ...(redis === undefined ? {} : { redisUrl: redis.url }), ...options });
    }

    it('a first run that uses the session gets a new one, with its cookie; a later run that asks finds it', async () => {
      let now = 1_800_000_000_000;
      const harness = await start({ clock: { now: () => now } });
      try {
        const client = harness.client();
        // First run of the script: deferred, and it creates the session.
        const created = await client.get(`${SCRIPT}?set=user&value=ann`);
        expect(created.status).to.equal(200);
        expect(created.setCookies).to.have.length(1);
        expect(created.setCookies[0]).to.match(/^JSESSIONID=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
        now += 1000;
        // The script's last run used the session: this run has it loaded first, and does not touch it.
        const plain = await client.get(SCRIPT);
        expect(plain.text).to.equal('plain');
        expect(plain.setCookies).to.deep.equal([]);
        now += 1000;
        // The last run did not use it: deferred again, and this time the script asks.
        const read = await client.get(`${SCRIPT}?get=user`);
        expect(read.status).to.equal(200);
        expect(read.text).to.equal('ann');
        expect(read.setCookies).to.deep.equal([]);
        now += 1000;
        const info = (await client.get('/services/js/session-info.js?identify=1')).json<Info>();
        expect(info.isNew).to.equal(false);
        expect(info.attributes).to.deep.equal({ user: 'ann' });
        expect(info.creationTime).to.equal(1_800_000_000_000);
        // Servlet access: the run that never asked for its session did not access it; the deferred one did.
        expect(info.lastAccessedTime).to.equal(1_800_000_002_000);
      } finally {
        await harness.close();
      }
    });

    it('a script that never uses the session leaves a session cookie alone and sets none', async () => {
      const harness = await start();
      try {
        const client = harness.client();
        await client.get('/services/js/session-info.js?set=user&value=bob');
        const cookie = client.cookies.get('JSESSIONID');
        for (let run = 0; run < 3; run++) {
          const plain = await client.get('/services/js/hello.js');
          expect(plain.text).to.equal('hello');
          expect(plain.setCookies).to.deep.equal([]);
        }
        expect(client.cookies.get('JSESSIONID')).to.equal(cookie);
        expect((await client.get(`${SCRIPT}?get=user`)).text).to.equal('bob');
      } finally {
        await harness.close();
      }
    });

    it('a script that ends the session on the deferred path clears the cookie', async () => {
      const harness = await start();
      try {
        const client = harness.client();
        await client.get('/services/js/session-info.js?set=user&value=bob');
        expect(client.cookies.has('JSESSIONID')).to.equal(true);
        const out = await client.get('/services/js/logout.js');
        expect(out.status).to.equal(200);
        expect(client.cookies.has('JSESSIONID')).to.equal(false);
      } finally {
        await harness.close();
      }
    });

    it('with sessionLock, concurrent deferred loads of one session run one at a time: no increment lost', async () => {
      const harness = await start({ workers: 2, sessionLock: true, sessionLockWait: 30_000 });
      try {
        const client = harness.client();
        await client.get('/services/js/session-info.js?set=user&value=ann');
        // The script's last run did not use the session, so the next runs start without it.
        expect((await client.get(SCRIPT)).text).to.equal('plain');
        const answers = await Promise.all([1, 2, 3].map(() => client.get(`${SCRIPT}?count=1&spin=300`)));
        expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200, 200]);
        expect(answers.map((answer) => answer.text).sort()).to.deep.equal(['1', '2', '3']);
        expect((await client.get(`${SCRIPT}?get=count`)).text).to.equal('3');
      } finally {
        await harness.close();
      }
    });

    it('with sessionLock, a script that never asks for its session takes no lock; one that asks waits at most sessionLockWait', async () => {
      const harness = await start({ workers: 2, sessionLock: true, sessionLockWait: 300 });
      try {
        const client = harness.client();
        await client.get('/services/js/session-info.js?set=user&value=ann');
        expect((await client.get(SCRIPT)).text).to.equal('plain');
        // A script's first run in a session takes the lock before the run (see the next spec); after it, none.
        expect((await client.get('/services/js/hello.js')).status).to.equal(200);
        // The holder's script has used the session: its next run takes the lock before it reaches a worker.
        expect((await client.get('/services/js/slow-set.js')).status).to.equal(200);
        const order: string[] = [];
        // Holds the session's lock while it spins.
        const holder = client.get('/services/js/slow-set.js?spin=1500').then((answer) => {
          order.push('holder');
          return answer;
        });
        // Once the holder's run is at a worker, it holds the lock until it ends.
        while (harness.runtime.stats().busy === 0) await new Promise((resolve) => setImmediate(resolve));
        const plain = await client.get('/services/js/hello.js');
        order.push('plain');
        expect(plain.status).to.equal(200);
        const asking = await client.get(`${SCRIPT}?get=user`);
        order.push('asking');
        expect(asking.status).to.equal(503);
        expect(asking.json()).to.include({ code: 'ERR_SESSION_LOCKED' });
        expect((await holder).status).to.equal(200);
        expect(order).to.deep.equal(['plain', 'asking', 'holder']);
      } finally {
        await harness.close();
      }
    });

    it("with sessionLock, a script's first run in a session takes the lock before it reaches a worker: it never waits there for a holder queued behind it", async () => {
      const harness = await start({ workers: 1, sessionLock: true, sessionLockWait: 2000 });
      try {
        const client = harness.client();
        await client.get('/services/js/session-info.js?set=user&value=ann');
        // The holder's script has used the session: its next run takes the lock before it is queued.
        expect((await client.get('/services/js/slow-set.js')).status).to.equal(200);
        // First run: asks for its session 400 ms into the run, on the only worker.
        const late = client.get('/services/js/late-session.js?spin=400');
        while (harness.runtime.stats().busy === 0) await new Promise((resolve) => setImmediate(resolve));
        // Were the lock still free, this one would take it and wait for the worker, which waits for the lock.
        const holder = client.get('/services/js/slow-set.js?set=holder&value=1');
        const [lateAnswer, holderAnswer] = await Promise.all([late, holder]);
        expect([lateAnswer.status, holderAnswer.status]).to.deep.equal([200, 200]);
        expect(lateAnswer.text).to.equal('1');
        expect((await client.get(`${SCRIPT}?get=holder`)).text).to.equal('1');
      } finally {
        await harness.close();
      }
    });
  });
}
