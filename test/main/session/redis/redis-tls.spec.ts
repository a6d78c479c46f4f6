/**
 * `rediss://` as docs/multi-machine.md ("TLS") describes it, against real redis-servers serving
 * TLS only, with a certificate of a private CA made with openssl: one that asks no client
 * certificate (`tls-auth-clients no`) and one that does (`yes`, Redis's default). The CLI (`serve`,
 * its readiness probe, the `sessions` command) refuses the server without the CA and works with
 * `NODE_EXTRA_CA_CERTS`; an embedding works with a client it configured (`ca`, and `cert`/`key`).
 */
import { expect } from 'chai';
import { createClient, type RedisClientType } from 'redis';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { CookieJarClient } from '../../../support/cookie-jar-client.js';
import { startCountingProxy } from '../../../support/counting-proxy.js';
import { scriptsDir } from '../../../support/paths.js';
import { RedisServer } from '../../../support/redis-server.js';
import { runCli } from '../../../support/run-cli.js';
import { type Harness, startRuntime } from '../../../support/runtime-harness.js';
import { buildDist, type ServeProcess, startServeProcess } from '../../../support/serve-process.js';
import { makeTestCa, type TestCa } from '../../../support/test-ca.js';

type Report = { status: string; checks: Record<string, { ok: boolean; detail: string }> };
interface Info {
  isNew: boolean;
  attributes: Record<string, unknown>;
}

/** The JSON log lines of a serve process that are about its Redis connection. */
function redisLines(serve: ServeProcess): string[] {
  return serve
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"msg":"redis: '));
}

describe('Redis over TLS (rediss://, a private CA)', function () {
  this.timeout(60_000);
  let ca: TestCa;
  let redis: RedisServer;
  let mutual: RedisServer;
  let trusting: NodeJS.ProcessEnv;

  before(async function () {
    this.timeout(180_000);
    ca = makeTestCa();
    trusting = { NODE_EXTRA_CA_CERTS: ca.caFile };
    [redis, mutual] = await Promise.all([
      RedisServer.start([], undefined, { ca, authClients: false }),
      RedisServer.start([], undefined, { ca, authClients: true }),
      buildDist(),
    ]);
  });

  after(async () => {
    await redis?.dispose();
    await mutual?.dispose();
    ca?.dispose();
  });

  it('serve refuses a server its CAs do not trust, with the documented log line and readiness detail', async () => {
    const serve = await startServeProcess(scriptsDir, [
      '--redis-url',
      redis.url,
      '--workers',
      '1',
      '--readiness-path',
      '/health/ready',
    ]);
    try {
      await serve.printed(
        new RegExp(
          `redis: cannot connect to rediss://127\\.0\\.0\\.1:${redis.port} \\(self-signed certificate in certificate chain\\)`,
        ),
      );
      const client = new CookieJarClient(serve.url);
      const refused = await client.get('/services/js/session-info.js?set=cart&value=tls');
      expect(refused.status).to.equal(503);
      expect(refused.json<{ code: string }>().code).to.equal('ERR_STORE_UNAVAILABLE');
      expect((await client.get('/services/js/hello.js')).status, 'a script without a session').to.equal(200);
      const unready = await client.get('/health/ready');
      expect(unready.status).to.equal(503);
      expect(unready.json<Report>().checks['store']?.detail).to.match(
        /\(cannot connect: self-signed certificate in certificate chain\)$/,
      );
    } finally {
      expect(await serve.stop()).to.equal(0);
    }
  });

  it('serve, its readiness probe and the sessions command work with NODE_EXTRA_CA_CERTS', async () => {
    const serve = await startServeProcess(
      scriptsDir,
      ['--redis-url', redis.url, '--workers', '1', '--readiness-path', '/health/ready'],
      trusting,
    );
    try {
      const client = new CookieJarClient(serve.url);
      const created = await client.get('/services/js/session-info.js?set=cart&value=tls');
      expect(created.status, created.text).to.equal(200);
      const again = (await client.get('/services/js/session-info.js')).json<Info>();
      expect(again).to.include({ isNew: false });
      expect(again.attributes).to.deep.equal({ cart: 'tls' });
      expect((await client.get('/health/ready')).status).to.equal(200);

      const list = await runCli(['sessions', 'list', '--redis-url', redis.url], trusting);
      expect(list.code, list.stderr).to.equal(0);
      expect(list.stdout).to.match(/ cart\n/);
      const killed = await runCli(
        ['sessions', 'kill', '--redis-url', redis.url, list.stdout.split(' ')[0] ?? ''],
        trusting,
      );
      expect(killed.code, killed.stderr).to.equal(0);
      expect((await client.get('/services/js/session-info.js')).json<Info>()).to.include({ isNew: true });
      const untrusted = await runCli(['sessions', 'count', '--redis-url', redis.url]);
      expect(untrusted.code).to.equal(1);
      expect(untrusted.stderr).to.include(
        `session store unavailable: cannot connect to ${redis.url}: self-signed certificate in certificate chain`,
      );
    } finally {
      expect(await serve.stop()).to.equal(0);
    }
  });

  it('serve against a server that wants a client certificate logs it once and backs off, not reconnecting in a loop', async () => {
    // Through a proxy that counts the connections: after several attempts, still the one line.
    const proxy = await startCountingProxy(mutual.port);
    const serve = await startServeProcess(
      scriptsDir,
      ['--redis-url', `rediss://127.0.0.1:${proxy.port}`, '--workers', '1', '--readiness-path', '/health/ready'],
      trusting,
    );
    try {
      await proxy.reached(5);
      const lines = redisLines(serve);
      expect(lines, lines.join('\n')).to.have.lengthOf(1);
      expect(lines[0]).to.match(
        /redis: cannot connect to rediss:\/\/127\.0\.0\.1:\d+ \(tlsv13 alert certificate required\);/,
      );
      const unready = await new CookieJarClient(serve.url).get('/health/ready');
      expect(unready.status).to.equal(503);
      expect(unready.json<Report>().checks['store']?.detail).to.match(
        /\(cannot connect: tlsv13 alert certificate required\)$/,
      );
    } finally {
      expect(await serve.stop()).to.equal(0);
      await proxy.close();
    }
  });

  describe('an embedding with a client it configured', () => {
    let client: RedisClientType | undefined;
    let harness: Harness | undefined;

    afterEach(async () => {
      await harness?.close();
      await client?.close();
      harness = undefined;
      client = undefined;
    });

    async function serveThrough(server: RedisServer, withCertificate: boolean): Promise<CookieJarClient> {
      const secure = server.clientTls() ?? {};
      client = createClient({
        url: server.url,
        disableOfflineQueue: true,
        socket: withCertificate
          ? { tls: true, ca: secure.ca, cert: secure.cert, key: secure.key }
          : { tls: true, ca: secure.ca },
      });
      client.on('error', () => undefined);
      await client.connect();
      harness = await startRuntime({ store: new RedisStore({ client }), readinessPath: '/health/ready' });
      return harness.client();
    }

    it('keeps sessions with the CA as `ca`', async () => {
      const browser = await serveThrough(redis, false);
      await browser.get('/services/js/session-info.js?set=user&value=alice');
      const info = (await browser.get('/services/js/session-info.js')).json<Info>();
      expect(info).to.include({ isNew: false });
      expect(info.attributes).to.deep.equal({ user: 'alice' });
      expect((await browser.get('/health/ready')).status).to.equal(200);
    });

    it('with reconnectStrategy: false, as the docs say, such a client without a certificate fails connect() at the first refusal, for tls-auth-clients yes', async () => {
      const refused = createClient({
        url: mutual.url,
        disableOfflineQueue: true,
        RESP: 2,
        socket: { tls: true, ca: mutual.clientTls()?.ca, reconnectStrategy: false },
      });
      refused.on('error', () => undefined);
      let failure: unknown;
      await refused.connect().catch((error: unknown) => (failure = error));
      expect(String(failure)).to.include('certificate required');
      expect(refused.isReady).to.equal(false);
    });

    it('the docs block as written (RESP: 2, default reconnects) without a certificate is never ready: connect() stays pending while each refusal reaches the error listener', async () => {
      const refused = createClient({
        url: mutual.url,
        disableOfflineQueue: true,
        RESP: 2,
        socket: { tls: true, ca: mutual.clientTls()?.ca },
      });
      const refusals: string[] = [];
      let secondRefusal: () => void = () => undefined;
      const twoRefusals = new Promise<void>((resolve) => {
        secondRefusal = resolve;
      });
      refused.on('error', (error: Error) => {
        refusals.push(error.message);
        if (refusals.length === 2) secondRefusal();
      });
      let settled = 'pending';
      const connecting = refused.connect().then(
        () => {
          settled = 'resolved';
        },
        () => {
          settled = 'rejected';
        },
      );
      await twoRefusals; // a retry happened: the first refusal did not end connect()
      expect(settled).to.equal('pending');
      expect(refused.isReady).to.equal(false);
      expect(refusals.every((message) => message.includes('certificate required'))).to.equal(true);
      refused.destroy();
      await connecting;
    });

    it('keeps sessions with a client certificate, for tls-auth-clients yes', async () => {
      const browser = await serveThrough(mutual, true);
      await browser.get('/services/js/session-info.js?set=user&value=alice');
      const info = (await browser.get('/services/js/session-info.js')).json<Info>();
      expect(info).to.include({ isNew: false });
      expect(info.attributes).to.deep.equal({ user: 'alice' });
      expect((await browser.get('/health/ready')).status).to.equal(200);
    });
  });
});
