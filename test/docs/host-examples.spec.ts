/**
 * The host-side examples of docs/operations.md, docs/embedding.md and docs/multi-machine.md, run
 * as the pages show them: the operators' `runtime.sessions.admin` calls, a session changed from the
 * host, the script console line the log shows, the `sessions` commands against a real Redis (and a
 * Redis Cluster, and Redis Sentinel), and the `RedisStore` setups (a URL, a client of one's own, a
 * cluster client, sentinels). Only what names the reader's deployment is replaced: `./scripts`,
 * `redis://redis.internal:6379`, the cluster's nodes and the sentinels become the spec's, and the
 * id hash of `sessions kill` a real one.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { sessionIdHash } from '../../main/session/session-admin.js';
import { capturedLogger, LEVEL } from '../support/captured-logger.js';
import type { CookieJarClient } from '../support/cookie-jar-client.js';
import { fixturesDir, packageDir } from '../support/paths.js';
import { RedisCluster } from '../support/redis-cluster.js';
import { RedisSentinelSet } from '../support/redis-sentinel.js';
import { RedisServer } from '../support/redis-server.js';
import { runCli } from '../support/run-cli.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { until } from '../support/until.js';

const opsDir = `${fixturesDir}ops`;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** The fenced ```lang blocks of a page. */
function blocks(page: string, lang: string): string[] {
  const text = readFileSync(path.join(packageDir, page), 'utf8');
  return [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`\\n`, 'gm'))].map((match) => match[1] ?? '');
}

/** The one ```lang block of `page` that contains `marker`. */
function block(page: string, lang: string, marker: string): string {
  const found = blocks(page, lang).filter((code) => code.includes(marker));
  expect(found, `${page}: one block with ${marker}`).to.have.length(1);
  return found[0] as string;
}

async function loggedIn(harness: Harness, user: string): Promise<CookieJarClient> {
  const client = harness.client();
  expect((await client.get(`/services/js/login.js?user=${user}`)).text).to.equal(`hello ${user}`);
  return client;
}

describe('host examples of the docs, run as written', function () {
  this.timeout(120_000);

  describe('in memory', () => {
    let harness: Harness;
    beforeEach(async () => {
      harness = await startRuntime({ root: opsDir, principalAttribute: 'user' });
    });
    afterEach(() => harness.close());

    it("operations.md: the operators' calls count, list, find and end sessions", async () => {
      const phone = await loggedIn(harness, 'alice');
      const laptop = await loggedIn(harness, 'alice');
      const bob = await loggedIn(harness, 'bob');
      const code = block('docs/operations.md', 'js', 'const admin = runtime.sessions.admin;');
      const bobHash = sessionIdHash(bob.cookies.get('JSESSIONID') as string);
      await new AsyncFunction('runtime', 'idOrIdHash', code)(harness.runtime, bobHash);
      for (const client of [phone, laptop, bob])
        expect((await client.get('/services/js/login.js')).text).to.equal('nobody');
      expect(await harness.runtime.sessions.admin.count()).to.equal(0);
    });

    it('embedding.md: a session changed from the host, outside a request, gets a new id and keeps its attributes', async () => {
      const client = await loggedIn(harness, 'carol');
      const id = client.cookies.get('JSESSIONID') as string;
      const code = block('docs/embedding.md', 'js', 'const session = await runtime.sessions.find(id);');
      await new AsyncFunction('runtime', 'id', code)(harness.runtime, id);
      expect(await harness.runtime.sessions.find(id)).to.equal(undefined);
      const [moved] = await harness.runtime.sessions.admin.find('carol');
      expect(moved?.attributeNames).to.deep.equal(['user', 'role']);
      expect(moved?.idHash).to.not.equal(sessionIdHash(id));
    });
  });

  it('operations.md: the script console example logs the line its comment shows', async () => {
    mkdirSync(path.join(packageDir, '.tmp'), { recursive: true });
    const root = mkdtempSync(path.join(packageDir, '.tmp', 'console-'));
    try {
      const code = block('docs/operations.md', 'js', "require('core/v4/console')");
      mkdirSync(path.join(root, 'shop'));
      writeFileSync(path.join(root, 'shop', 'order.js'), code);
      const shown = JSON.parse(/\/\/ (\{.*\})$/m.exec(code)?.[1] ?? '{}') as Record<string, unknown>;
      const log = capturedLogger();
      const harness = await startRuntime({ root, logger: log.logger });
      try {
        const response = await harness.client().get('/services/js/shop/order.js');
        expect(response.status).to.equal(200);
        const reqId = response.headers.get('x-request-id');
        await until(() => log.matching({ reqId, source: 'console' }).length > 0);
        const [line] = log.matching({ reqId, source: 'console' });
        // The comment's "…" stands for the request's id.
        expect(line).to.deep.include({ ...shown, reqId, level: LEVEL.info });
      } finally {
        await harness.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('with a real Redis', () => {
    let redis: RedisServer;
    let cluster: RedisCluster;
    let sentinels: RedisSentinelSet;
    let dir: string;
    before(async () => {
      redis = await RedisServer.start();
      cluster = await RedisCluster.start();
      sentinels = await RedisSentinelSet.start();
      mkdirSync(path.join(packageDir, '.tmp'), { recursive: true });
      dir = mkdtempSync(path.join(packageDir, '.tmp', 'examples-'));
    });
    after(async () => {
      await sentinels?.dispose();
      await cluster?.dispose();
      await redis?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    /** `code` with the reader's deployment replaced by the spec's. */
    function ours(code: string): string {
      return code
        .replaceAll("'./scripts'", JSON.stringify(opsDir))
        .replaceAll('redis://redis.internal:6379', redis.url)
        .replace(/rootNodes: \[[^\]]*\]/, `rootNodes: ${JSON.stringify(cluster.urls.map((url) => ({ url })))}`)
        .replace('redis://n1:6379,redis://n2:6379,redis://n3:6379', cluster.urls.join(','))
        .replace('sentinel-1:26379,sentinel-2:26379,sentinel-3:26379', sentinels.sentinelAddress);
    }

    /** Runs `code` as an ES module of the package (it imports `dirigible-session` and `redis` by name). */
    async function runModule(name: string, code: string): Promise<void> {
      const file = path.join(dir, `${name}.mjs`);
      writeFileSync(file, code);
      await import(pathToFileURL(file).href);
    }

    it('operations.md: every sessions command of the page, exit 0, on the sessions of a running server', async () => {
      const harness = await startRuntime({ root: opsDir, redisUrl: redis.url, principalAttribute: 'user' });
      try {
        await loggedIn(harness, 'alice');
        await loggedIn(harness, 'alice');
        const dave = await loggedIn(harness, 'dave');
        const daveHash = sessionIdHash(dave.cookies.get('JSESSIONID') as string);
        const commands = block('docs/operations.md', 'sh', 'dirigible-session sessions count')
          .split('\n')
          .filter((line) => line.startsWith('dirigible-session sessions '));
        expect(commands).to.have.length(7);
        const outputs: string[] = [];
        for (const command of commands) {
          const line = ours(command)
            .replace(/\[([^\]]+)\]/g, '$1')
            .replace('--cursor C ', '')
            .replace('3f2a9c0d1e4b5a67', daveHash);
          const run = await runCli(line.split(/\s+/).slice(1));
          expect(run.code, `${line}\n${run.stderr}`).to.equal(0);
          outputs.push(run.stdout);
        }
        const [count, list, find, killAlice, killOne, clusterFind, sentinelCount] = outputs;
        expect(count).to.equal('3\n');
        expect((JSON.parse(list as string) as { sessions: unknown[] }).sessions).to.have.length(3);
        expect((find as string).trim().split('\n')).to.have.length(2);
        expect([killAlice, killOne, clusterFind, sentinelCount]).to.deep.equal(['2\n', '1\n', '', '0\n']);
        expect((await dave.get('/services/js/login.js')).text).to.equal('nobody');
      } finally {
        await harness.close();
      }
    });

    it('multi-machine.md: redisUrl, a RedisStore on a client of your own (still open after close()), a cluster client, sentinels', async () => {
      const [withUrl, ownClient, clusterClient, withSentinels] = [
        "redisUrl: 'redis://redis.internal:6379'",
        'new RedisStore({ client })',
        'new RedisStore({ client: cluster })',
        'redisSentinel:',
      ].map((marker) => ours(block('docs/multi-machine.md', 'js', marker)));
      await runModule('redis-url', `${withUrl}\nawait runtime.close();\n`);
      // Ends with the reader's own client.close(), which throws should runtime.close() have closed it.
      await runModule('own-client', ownClient as string);
      await runModule('cluster', `${clusterClient}\nawait runtime.close();\nawait cluster.close();\n`);
      await runModule(
        'sentinel',
        `${withSentinels}\nconst { RedisStore } = await import('dirigible-session');\n` +
          'if (!(runtime.sessions.store instanceof RedisStore)) throw new Error("no RedisStore");\n' +
          'await runtime.sessions.store.count();\nawait runtime.close();\n',
      );
    });
  });
});
