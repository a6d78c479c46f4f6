/**
 * A Redis Cluster as operators secure one: a password on every node and TLS only (`tls-port`,
 * `tls-cluster yes`), with a certificate of a private CA. An embedding reaches it with the cluster
 * client docs/multi-machine.md shows (the password and TLS in `defaults`), and the `sessions`
 * command with `--redis-cluster rediss://:secret@…` URLs. node-redis reads a root node's URL only
 * to find the cluster, so the command used to send its commands to the masters with neither the
 * password (`NOAUTH`) nor TLS (it waited for ever). An ACL user made with the line the docs give
 * works it too (node-redis finds the masters with `CLUSTER SLOTS`, which the line lacked).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createCluster, type RedisClusterType } from 'redis';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { documentedAcl } from '../../../support/documented-acl.js';
import { fixturesDir } from '../../../support/paths.js';
import { RedisCluster } from '../../../support/redis-cluster.js';
import { runCli } from '../../../support/run-cli.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';
import { buildDist } from '../../../support/serve-process.js';
import { makeTestCa, type TestCa } from '../../../support/test-ca.js';

const PASSWORD = 'cluster-secret';

describe('a Redis Cluster with a password and TLS', function () {
  this.timeout(60_000);
  let ca: TestCa;
  let cluster: RedisCluster;
  let client: RedisClusterType;
  let harness: Harness;
  let trusting: NodeJS.ProcessEnv;

  before(async function () {
    this.timeout(180_000);
    ca = makeTestCa();
    trusting = { NODE_EXTRA_CA_CERTS: ca.caFile };
    [cluster] = await Promise.all([RedisCluster.start(3, { password: PASSWORD, tls: ca }), buildDist()]);
    client = createCluster({
      rootNodes: [{ url: cluster.nodes[0]?.url as string }],
      defaults: {
        disableOfflineQueue: true,
        password: PASSWORD,
        socket: { tls: true, ca: readFileSync(ca.caFile) },
      },
    });
    client.on('error', () => undefined);
    await client.connect();
    harness = await startRuntime({
      root: `${fixturesDir}ops`,
      store: new RedisStore({ client }),
      principalAttribute: 'user',
    });
  });

  after(async () => {
    await harness?.close();
    await client?.close();
    await cluster?.dispose();
    ca?.dispose();
  });

  it('keeps sessions through a cluster client with the password and TLS in defaults, spread over the masters', async () => {
    for (const user of ['ada', 'ada', 'ada', 'bob', 'bob', 'bob'])
      await harness.client().get(`/services/js/login.js?user=${user}`);
    const keysPerMaster = await Promise.all(
      client.masters.map(async (master) => (await client.nodeClient(master)).dbSize()),
    );
    expect(keysPerMaster.filter((keys) => keys > 0).length, String(keysPerMaster)).to.be.greaterThan(1);
  });

  it('the sessions command counts, finds and ends them through rediss:// URLs with the password', async () => {
    const nodes = ['--redis-cluster', cluster.urls.join(',')];
    expect(cluster.urls[0]).to.match(/^rediss:\/\/:cluster-secret@/);
    const count = await runCli(['sessions', 'count', ...nodes], trusting);
    expect(count.stderr).to.equal('');
    expect(Number(count.stdout)).to.be.at.least(3);
    const found = await runCli(['sessions', 'find', 'ada', '--json', ...nodes], trusting);
    expect((JSON.parse(found.stdout) as { sessions: unknown[] }).sessions).to.have.length(3);
    const kill = await runCli(['sessions', 'kill', '--principal', 'ada', '--json', ...nodes], trusting);
    expect(JSON.parse(kill.stdout)).to.deep.equal({ principal: 'ada', ended: 3 });
  });

  it('works for an ACL user made with the line docs/multi-machine.md gives: logins, id rotations, the sessions command', async () => {
    for (const node of cluster.nodes) {
      const admin = await node.connectClient(PASSWORD);
      await admin.sendCommand(documentedAcl());
      admin.destroy();
    }
    const user = createCluster({
      rootNodes: [{ url: cluster.nodes[0]?.url as string }],
      defaults: {
        disableOfflineQueue: true,
        username: 'app',
        password: 'secret',
        socket: { tls: true, ca: readFileSync(ca.caFile) },
      },
    });
    user.on('error', () => undefined);
    let runtime: Harness | undefined;
    try {
      await user.connect();
      runtime = await startRuntime({
        root: `${fixturesDir}ops`,
        applicationName: 'acl',
        store: new RedisStore({ client: user }),
        principalAttribute: 'user',
      });
      for (let i = 0; i < 4; i++) {
        const login = await runtime.client().get(`/services/js/login.js?user=carol&rotate=${i % 2}`);
        expect(login.status, login.text).to.equal(200);
      }
      const nodes = [
        '--application-name',
        'acl',
        '--redis-cluster',
        cluster.urls.join(',').replaceAll(`:${PASSWORD}@`, 'app:secret@'),
      ];
      const found = await runCli(['sessions', 'find', 'carol', '--json', ...nodes], trusting);
      expect(found.stderr).to.equal('');
      expect((JSON.parse(found.stdout) as { sessions: unknown[] }).sessions).to.have.length(4);
      expect((await runCli(['sessions', 'count', ...nodes], trusting)).stdout).to.equal('4\n');
      const kill = await runCli(['sessions', 'kill', '--principal', 'carol', '--json', ...nodes], trusting);
      expect(JSON.parse(kill.stdout)).to.deep.equal({ principal: 'carol', ended: 4 });
    } finally {
      await runtime?.close();
      if (user.isOpen) await user.close();
    }
  });

  it('the sessions command refuses nodes given different passwords (exit 2), never showing them', async () => {
    const [first, second] = cluster.urls as [string, string];
    const other = second.replace(PASSWORD, 'another-secret');
    const run = await runCli(['sessions', 'count', '--redis-cluster', `${first},${other}`], trusting);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('option "--redis-cluster" must reach every node alike');
    expect(run.stderr).not.to.include('secret');
  });
});
