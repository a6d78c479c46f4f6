/**
 * The Redis store through Redis Sentinel, on a real master, replica and sentinel: the same store
 * contract as on one server through node-redis's Sentinel client (`createSentinel`), passed in as
 * an embedder would; and the runtime's own Sentinel store (`redisSentinel`) through a failover: the
 * master killed (SIGKILL), requests answered 503 (not held) until the sentinel promotes the
 * replica, then served again by the same process, with every session write that Redis had
 * replicated (`WAIT`) still there; with every sentinel gone; and with a master the sentinels
 * cannot replace, killed then paused: one warning each time with the sentinels' view, and one line
 * once it answers again, as docs/multi-machine.md says.
 */
import { expect } from 'chai';
import { createSentinel, type RedisSentinelType } from 'redis';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import type { SessionStore } from '../../../../main/session/store.js';
import { capturedLogger, LEVEL } from '../../../support/captured-logger.js';
import { examplesDir } from '../../../support/paths.js';
import { MASTER_NAME, RedisSentinelSet } from '../../../support/redis-sentinel.js';
import { freePort } from '../../../support/redis-server.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';
import { describeStoreContract } from '../../../support/store-contract.js';
import { until } from '../../../support/until.js';

const VISITS = /^Visits in this session: (\d+)/;

describe('RedisStore through Redis Sentinel', function () {
  this.timeout(60_000);

  describe('a Sentinel client passed in', () => {
    let set: RedisSentinelSet;
    const connections = new Map<SessionStore, RedisSentinelType>();
    let stores = 0;

    before(async () => {
      set = await RedisSentinelSet.start();
    });
    after(() => set?.dispose());

    /** A store on a Sentinel client of its own (as another machine would have). */
    async function sentinelStore(prefix: string): Promise<RedisStore> {
      const client = createSentinel({
        name: MASTER_NAME,
        sentinelRootNodes: [{ host: '127.0.0.1', port: set.sentinelPort }],
        nodeClientOptions: { disableOfflineQueue: true },
      }) as unknown as RedisSentinelType;
      client.on('error', () => undefined);
      await client.connect();
      const store = new RedisStore({ client, prefix });
      connections.set(store, client);
      return store;
    }

    it('a store whose master refuses its password fails its calls, says why, and closes', async () => {
      // node-redis keeps retrying the master's connection, and its close waited for that first.
      const sentinels = `redis://nobody:wrong@127.0.0.1:${set.sentinelPort}`;
      const store = new RedisStore({ sentinel: { sentinels, name: MASTER_NAME } });
      const failure = await store.get('refused').then(
        () => 'served',
        (error: { code?: string }) => error.code,
      );
      expect(failure).to.equal('ERR_STORE_UNAVAILABLE');
      expect(store.connectionError).to.match(/^WRONGPASS/);
      await store.close();
    });

    describeStoreContract('RedisStore (Sentinel client)', {
      create: () => sentinelStore(`sentinel${++stores}:`),
      peer: (store) => sentinelStore((store as RedisStore).prefix),
      dispose: async (store) => {
        await store.close?.();
        await connections.get(store)?.close();
        connections.delete(store);
      },
    });
  });

  it('a runtime whose sentinels do not answer starts, answers 503 for session requests, and closes', async () => {
    const harness = await startRuntime({
      root: examplesDir,
      redisSentinel: `127.0.0.1:${await freePort()}`,
      redisSentinelName: MASTER_NAME,
      storeTimeout: 200,
    });
    try {
      const response = await harness.client().get('/services/js/visit-counter.js');
      expect([response.status, response.json<{ code: string }>().code]).to.deep.equal([503, 'ERR_STORE_UNAVAILABLE']);
    } finally {
      await harness.close();
    }
  });

  it('a master the sentinels deem down and cannot replace: one warning with their view, one line once it is back', async () => {
    const set = await RedisSentinelSet.start({ failover: false });
    const log = capturedLogger();
    const harness = await startRuntime({
      root: examplesDir,
      redisSentinel: set.sentinelAddress,
      redisSentinelName: MASTER_NAME,
      storeTimeout: 200,
      logger: log.logger,
    });
    const lines = () => log.lines.map(({ msg }) => msg).filter((line) => line.startsWith('redis: '));
    /** Waits until `count` logged lines match `pattern`. */
    const logs = (pattern: RegExp, count = 1): Promise<void> =>
      until(() => lines().filter((line) => pattern.test(line)).length >= count, 30_000, `${count} × ${pattern}`);
    const [master] = set.servers;
    try {
      const browser = harness.client();
      expect((await browser.get('/services/js/visit-counter.js')).status).to.equal(200);
      await master.crash();
      expect((await browser.get('/services/js/visit-counter.js')).status).to.equal(503);
      await logs(/: no master answers within 200 ms: sentinel /);
      const where = `redis: master set ${MASTER_NAME} (sentinels ${set.sentinelAddress})`;
      const warnings = log.lines.filter(({ msg }) => msg.includes(': no master answers within '));
      expect(warnings.map(({ msg, level, component }) => [msg.startsWith(where), level, component])).to.deep.equal([
        [true, LEVEL.warn, 'sessions'],
      ]);
      expect(warnings[0]?.msg).to.match(
        new RegExp(`sentinel ${set.sentinelAddress} names master 127\\.0\\.0\\.1:${master.port}, flags \\S*master`),
      );
      expect(harness.runtime.sessions.store.connectionError).to.match(/^no master answers: sentinel /);

      await master.restart();
      await logs(/: master at .* answers again$/);
      expect(harness.runtime.sessions.store.connectionError).to.equal(undefined);
      expect(
        lines().filter((line) => line.includes(': no master answers within ')),
        lines().join('\n'),
      ).to.have.lengthOf(1);
      while ((await browser.get('/services/js/visit-counter.js')).status !== 200)
        await new Promise((resolve) => setTimeout(resolve, 20)); // pacing the requests, not a wait for an effect

      // Paused (SIGSTOP), the master closes no connection: node-redis waits without a word.
      master.pause();
      await logs(/: no master answers within 200 ms: sentinel /, 2);
      master.resume();
      await logs(/: master at .* answers again$/, 2);
      expect(
        lines().filter((line) => line.includes(': no master answers within ')),
        lines().join('\n'),
      ).to.have.lengthOf(2);
    } finally {
      master.resume();
      await harness.close();
      await set.dispose();
    }
  });

  describe('the runtime with redisSentinel, through a failover', () => {
    let set: RedisSentinelSet;
    let harness: Harness;
    const logged: string[] = [];

    before(async () => {
      set = await RedisSentinelSet.start();
      harness = await startRuntime({
        root: examplesDir,
        redisSentinel: set.sentinelAddress,
        redisSentinelName: MASTER_NAME,
        // Short, so that requests during the failover are answered 503 before the promotion.
        storeTimeout: 200,
        log: (line) => logged.push(line),
      });
    });

    after(async () => {
      await harness?.close();
      await set?.dispose();
    });

    it('master killed: 503 until the replica is promoted, then served again, replicated visits kept', async () => {
      const browsers = Array.from({ length: 4 }, () => harness.client());
      for (const browser of browsers)
        for (let visit = 1; visit <= 3; visit++) {
          const response = await browser.get('/services/js/visit-counter.js');
          expect([response.status, VISITS.exec(response.text)?.[1]]).to.deep.equal([200, String(visit)]);
        }
      const [master, replica] = set.servers;
      const admin = await master.connectClient();
      expect(Number(await admin.sendCommand(['WAIT', '1', '5000'])), 'the replica has every write').to.equal(1);
      admin.destroy();

      await set.crashMaster();
      const promoted = set.promoted(replica);
      let done = false;
      void promoted.then(() => (done = true));
      const during = await browsers[0]?.get('/services/js/visit-counter.js');
      expect(during?.status, 'answered while no master is known').to.equal(503);
      expect(done, 'the 503 came before the promotion').to.equal(false);
      await promoted;

      const statuses: number[] = [];
      for (const browser of browsers) {
        for (;;) {
          const response = await browser.get('/services/js/visit-counter.js');
          statuses.push(response.status);
          if (response.status === 200) {
            expect(VISITS.exec(response.text)?.[1], 'the session kept its 3 visits').to.equal('4');
            break;
          }
          expect(response.status).to.equal(503);
          await new Promise((resolve) => setTimeout(resolve, 20)); // pacing the retries, not a wait for an effect
        }
      }
      expect(statuses.at(-1)).to.equal(200);
      const lines = logged.filter((line) => line.startsWith('redis: '));
      expect(
        lines.some((line) => line.endsWith(`: master at 127.0.0.1:${replica.port}`)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.filter((line) => line.includes(': connection to the master lost (')),
        lines.join('\n'),
      ).to.have.lengthOf(1);
    });

    it('every sentinel gone: 503 though the master is up (node-redis asks the sentinels first), served again once one is back', async () => {
      const browser = harness.client();
      expect((await browser.get('/services/js/visit-counter.js')).status).to.equal(200);
      await set.crashSentinel();
      // The client's connection to the sentinel drops at once, and it asks the sentinels again.
      let status = 200;
      while (status === 200) {
        status = (await browser.get('/services/js/visit-counter.js')).status;
        await new Promise((resolve) => setTimeout(resolve, 20)); // pacing the requests, not a wait for an effect
      }
      expect(status).to.equal(503);
      await set.restartSentinel();
      while ((await browser.get('/services/js/visit-counter.js')).status !== 200)
        await new Promise((resolve) => setTimeout(resolve, 20)); // pacing, as above
    });
  });
});
