/**
 * `dirigible-session sessions count|list|find|kill` against a running deployment's real Redis (one
 * server, a Redis Cluster, and the master Redis Sentinel names): an operator lists a user's sessions and logs the user out
 * everywhere from the command line.
 */
import { expect } from 'chai';
import { createCluster, type RedisClusterType } from 'redis';
import { RedisStore } from '../../../main/session/redis/redis-store.js';
import { sessionIdHash } from '../../../main/session/session-admin.js';
import { fixturesDir } from '../../support/paths.js';
import { RedisCluster } from '../../support/redis-cluster.js';
import { MASTER_NAME, RedisSentinelSet } from '../../support/redis-sentinel.js';
import { freePort, RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { runCli } from '../../support/run-cli.js';

const opsDir = `${fixturesDir}ops`;

describe('dirigible-session sessions (the command, on a real Redis)', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let harness: Harness;

  before(async () => {
    redis = await RedisServer.start();
    harness = await startRuntime({
      root: opsDir,
      redisUrl: redis.url,
      principalAttribute: 'user',
      applicationName: 'shop',
    });
  });
  after(async () => {
    await harness?.close();
    await redis?.dispose();
  });

  const store = () => ['--redis-url', redis.url, '--application-name', 'shop'];

  async function loggedIn(user: string) {
    const client = harness.client();
    expect((await client.get(`/services/js/login.js?user=${user}`)).text).to.equal(`hello ${user}`);
    return client;
  }

  it("counts, lists, finds a user's sessions, and ends them all", async () => {
    const phone = await loggedIn('alice');
    const laptop = await loggedIn('alice');
    const bob = await loggedIn('bob');

    const count = await runCli(['sessions', 'count', ...store()]);
    expect(count).to.deep.include({ code: 0, stdout: '3\n' });
    const otherApplication = await runCli(['sessions', 'count', '--redis-url', redis.url]);
    expect(otherApplication.stdout).to.equal('0\n');

    const list = await runCli(['sessions', 'list', '--limit', '10', '--json', ...store()]);
    const page = JSON.parse(list.stdout) as { sessions: Array<{ principal: string; idHash: string }>; cursor: string };
    expect(page.sessions.map((session) => session.principal).sort()).to.deep.equal(['alice', 'alice', 'bob']);
    expect(list.stdout).to.not.include(bob.cookies.get('JSESSIONID'));

    const text = await runCli(['sessions', 'find', 'alice', ...store()]);
    expect(text.code).to.equal(0);
    expect(text.stdout.trim().split('\n')).to.have.length(2);
    expect(text.stdout).to.include(sessionIdHash(phone.cookies.get('JSESSIONID') as string));

    const kill = await runCli(['sessions', 'kill', '--principal', 'alice', '--json', ...store()]);
    expect(JSON.parse(kill.stdout)).to.deep.equal({ principal: 'alice', ended: 2 });
    expect((await phone.get('/services/js/login.js')).text).to.equal('nobody');
    expect((await laptop.get('/services/js/login.js')).text).to.equal('nobody');
    expect((await bob.get('/services/js/login.js')).text).to.equal('bob');
    expect((await runCli(['sessions', 'find', 'alice', '--json', ...store()])).stdout).to.equal('{"sessions":[]}\n');

    const one = await runCli(['sessions', 'kill', sessionIdHash(bob.cookies.get('JSESSIONID') as string), ...store()]);
    expect(one).to.deep.include({ code: 0, stdout: '1\n' });
    expect((await bob.get('/services/js/login.js')).text).to.equal('nobody');
  });

  it('says what is wrong, and exits non-zero: no store, a bad action, an unknown session, Redis down', async () => {
    const noStore = await runCli(['sessions', 'count']);
    expect(noStore.code).to.equal(2);
    expect(noStore.stderr).to.include('--redis-url');
    const twoStores = await runCli(['sessions', 'count', '--redis-cluster', redis.url], {
      DIRIGIBLE_SESSION_REDIS_URL: redis.url,
    });
    expect(twoStores).to.deep.include({
      code: 2,
      stdout: '',
      stderr:
        'dirigible-session sessions: option "--redis-cluster" cannot be given with DIRIGIBLE_SESSION_REDIS_URL: name one store, a server, a cluster or a master set\n',
    });
    const badAction = await runCli(['sessions', 'purge', ...store()]);
    expect(badAction.code).to.equal(2);
    expect(badAction.stderr).to.include('must be one of count, list, find, kill');
    const unknown = await runCli(['sessions', 'kill', 'no-such-session-id-000000000000', ...store()]);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('no such session');
    const spare = await RedisServer.start();
    const url = spare.url;
    await spare.dispose();
    const down = await runCli(['sessions', 'count', '--redis-url', url]);
    expect(down.code).to.equal(1);
    expect(down.stderr).to.include('session store unavailable');
  });

  it('says why it cannot reach Redis: a refused connection, a wrong password (shown as ***), not only "The client is offline"', async () => {
    const spare = await RedisServer.start();
    const url = spare.url;
    await spare.dispose();
    const down = await runCli(['sessions', 'count', '--redis-url', url]);
    expect(down.code).to.equal(1);
    expect(down.stderr).to.include(`session store unavailable: cannot connect to ${url}: connect ECONNREFUSED`);
    const guarded = await RedisServer.start(['--requirepass', 'right']);
    try {
      const wrong = `redis://:wrong@127.0.0.1:${guarded.port}/2`;
      const refused = await runCli(['sessions', 'list', '--redis-url', wrong]);
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.include(`cannot connect to redis://:***@127.0.0.1:${guarded.port}/2: WRONGPASS`);
      expect(refused.stderr).to.not.include('wrong@');
      const right = await runCli(['sessions', 'count', '--redis-url', `redis://:right@127.0.0.1:${guarded.port}/2`]);
      expect([right.code, right.stdout]).to.deep.equal([0, '0\n']);
    } finally {
      await guarded.dispose();
    }
  });

  it('reads its options from the environment too', async () => {
    await loggedIn('frank');
    const run = await runCli(['sessions', 'find', 'frank', '--json'], {
      DIRIGIBLE_SESSION_REDIS_URL: redis.url,
      DIRIGIBLE_SESSION_APPLICATION_NAME: 'shop',
    });
    expect((JSON.parse(run.stdout) as { sessions: unknown[] }).sessions).to.have.length(1);
  });

  it('refuses a --limit below 1, a --cursor it did not print and a bad --application-name, exit 2, naming the flag', async () => {
    for (const [args, message] of [
      [['--limit', '0'], 'option "--limit" must be a whole number >= 1 (got 0)'],
      [['--limit=-5'], 'option "--limit" must be a whole number >= 1 (got -5)'],
      [['--cursor', 'garbage'], 'option "--cursor" must be a cursor that sessions list printed'],
      // Refused before the store's connection opens, which would keep the command running (it wins
      // over store()'s --application-name, being the later flag).
      [['--application-name', 'a b'], 'option "--application-name" must be 1 to 64 characters'],
    ] as const) {
      const run = await runCli(['sessions', 'list', ...store(), ...args]);
      expect(run, args.join(' ')).to.deep.include({ code: 2, stdout: '' });
      expect(run.stderr).to.include(message);
    }
  });

  it('find takes --principal as kill does; a missing, extra or doubled argument is refused before Redis, exit 2', async () => {
    await loggedIn('ivan');
    const flag = await runCli(['sessions', 'find', '--principal', 'ivan', '--json', ...store()]);
    expect(flag.code, flag.stderr).to.equal(0);
    expect((JSON.parse(flag.stdout) as { sessions: unknown[] }).sessions).to.have.length(1);
    for (const [args, env, message] of [
      [['find'], {}, 'option "find" takes one <principal> or --principal NAME (got neither)'],
      [['find', 'ivan', '--principal', 'ivan'], {}, '(got ivan, --principal)'],
      [['kill'], {}, 'option "kill" takes one <id or id hash> or --principal NAME (got neither)'],
      [['kill', 'abc'], { DIRIGIBLE_SESSION_PRINCIPAL: 'ivan' }, '(got abc, DIRIGIBLE_SESSION_PRINCIPAL)'],
      [['count', 'extra'], {}, 'option "count" takes no argument (got extra)'],
      [['list', 'more'], {}, 'option "list" takes no argument (got more)'],
    ] as const) {
      const run = await runCli(['sessions', ...args, ...store()], env);
      expect(run, args.join(' ')).to.deep.include({ code: 2, stdout: '' });
      expect(run.stderr).to.include(message);
    }
  });

  it('refuses a --redis-cluster node that is no redis:// URL (exit 2), and says why it cannot reach a cluster (exit 1)', async () => {
    const bad = await runCli(['sessions', 'count', '--redis-cluster', `${redis.url},http://node:6379`]);
    expect(bad).to.deep.include({ code: 2, stdout: '' });
    expect(bad.stderr).to.include(
      'option "--redis-cluster" must be a redis:// or rediss:// URL (got http://node:6379)',
    );
    const spare = await RedisServer.start();
    const port = spare.port;
    await spare.dispose();
    const down = await runCli(['sessions', 'count', '--redis-cluster', `redis://:secret@127.0.0.1:${port}`]);
    expect(down.code).to.equal(1);
    expect(down.stderr).to.include(
      `session store unavailable: cannot connect to the cluster at redis://:***@127.0.0.1:${port}: `,
    );
    expect(down.stderr).to.not.include('secret');
  });

  it('pages through list with the cursor it prints, to the end', async () => {
    // Enough sessions that SCAN needs several calls: list then prints a cursor for the next page.
    for (let i = 0; i < 40; i++) await loggedIn(`page-${i}`);
    const total = Number((await runCli(['sessions', 'count', ...store()])).stdout);
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const run = await runCli([
        'sessions',
        'list',
        '--limit',
        '5',
        ...store(),
        ...(cursor ? ['--cursor', cursor] : []),
      ]);
      expect(run.code, run.stderr).to.equal(0);
      const lines = run.stdout.split('\n').filter((line) => line !== '');
      cursor = /^next page: --cursor (\S+)$/.exec(lines.at(-1) ?? '')?.[1];
      for (const line of cursor === undefined ? lines : lines.slice(0, -1)) seen.add(line.split('  ')[0] as string);
      pages++;
    } while (cursor !== undefined && pages < 100);
    expect(pages).to.be.greaterThan(1);
    expect(seen.size).to.equal(total);
  });

  describe('on a Redis Cluster', () => {
    let cluster: RedisCluster;
    let client: RedisClusterType;
    let clusterHarness: Harness;

    before(async () => {
      cluster = await RedisCluster.start();
      client = createCluster({
        rootNodes: cluster.urls.map((url) => ({ url })),
        defaults: { disableOfflineQueue: true },
      });
      client.on('error', () => undefined);
      await client.connect();
      clusterHarness = await startRuntime({
        root: opsDir,
        store: new RedisStore({ client }),
        principalAttribute: 'user',
      });
    });
    after(async () => {
      await clusterHarness?.close();
      await client?.close();
      await cluster?.dispose();
    });

    it("finds and ends a user's sessions spread over the masters", async () => {
      const clients = [];
      for (let i = 0; i < 6; i++) {
        const browser = clusterHarness.client();
        await browser.get(`/services/js/login.js?user=${i < 4 ? 'grace' : 'heidi'}`);
        clients.push(browser);
      }
      const nodes = ['--redis-cluster', cluster.urls.join(',')];
      const found = await runCli(['sessions', 'find', 'grace', '--json', ...nodes]);
      expect((JSON.parse(found.stdout) as { sessions: unknown[] }).sessions).to.have.length(4);
      expect((await runCli(['sessions', 'count', ...nodes])).stdout).to.equal('6\n');
      const kill = await runCli(['sessions', 'kill', '--principal', 'grace', '--json', ...nodes]);
      expect(JSON.parse(kill.stdout)).to.deep.equal({ principal: 'grace', ended: 4 });
      const answers = await Promise.all(
        clients.map(async (browser) => (await browser.get('/services/js/login.js')).text),
      );
      expect(answers).to.deep.equal(['nobody', 'nobody', 'nobody', 'nobody', 'heidi', 'heidi']);
    });
  });

  describe('through Redis Sentinel', () => {
    let set: RedisSentinelSet;
    let sentinelHarness: Harness;

    before(async () => {
      set = await RedisSentinelSet.start();
      sentinelHarness = await startRuntime({
        root: opsDir,
        redisSentinel: set.sentinelAddress,
        redisSentinelName: MASTER_NAME,
        principalAttribute: 'user',
      });
    });
    after(async () => {
      await sentinelHarness?.close();
      await set?.dispose();
    });

    it("finds and ends a user's sessions in the master the sentinels name", async () => {
      const browser = sentinelHarness.client();
      await browser.get('/services/js/login.js?user=ivy');
      const sentinel = ['--redis-sentinel', set.sentinelAddress, '--redis-sentinel-name', MASTER_NAME];
      expect((await runCli(['sessions', 'count', ...sentinel])).stdout).to.equal('1\n');
      const kill = await runCli(['sessions', 'kill', '--principal', 'ivy', '--json', ...sentinel]);
      expect(JSON.parse(kill.stdout)).to.deep.equal({ principal: 'ivy', ended: 1 });
      expect((await browser.get('/services/js/login.js')).text).to.equal('nobody');
    });

    it('says why it cannot find the master: the sentinel refuses the connection (exit 1)', async () => {
      const port = await freePort();
      const down = await runCli([
        'sessions',
        'count',
        '--redis-sentinel',
        `127.0.0.1:${port}`,
        '--redis-sentinel-name',
        MASTER_NAME,
      ]);
      expect(down.code).to.equal(1);
      expect(down.stderr).to.include(
        `dirigible-session: session store unavailable: cannot find the master set mymaster through the sentinels at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`,
      );
    });

    it('refuses sentinels without --redis-sentinel-name, or beside --redis-url, exit 2, naming the flag', async () => {
      const noName = await runCli(['sessions', 'count', '--redis-sentinel', set.sentinelAddress]);
      expect([noName.code, noName.stderr]).to.deep.equal([
        2,
        'dirigible-session sessions: option "--redis-sentinel-name" must name the master set the sentinels watch (such as mymaster)\n',
      ]);
      const both = await runCli(['sessions', 'count', '--redis-url', 'redis://127.0.0.1:1', '--redis-sentinel', 'a:1']);
      expect(both.code).to.equal(2);
      expect(both.stderr).to.include('option "--redis-sentinel" cannot be given with --redis-url');
    });
  });
});
