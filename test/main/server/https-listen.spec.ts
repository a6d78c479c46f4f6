/**
 * `runtime.listen()` with `tlsCert` and `tlsKey`: real HTTPS over loopback with throwaway
 * certificates openssl makes (test/support/tls-files.ts). The request facade reads TLS from the
 * socket, a fullchain's intermediates reach the client, a renewed pair on disk is served to the
 * next connection once the files were looked at again (an injected clock, no sleeps), a broken
 * renewal keeps the old pair, a shutdown does not wait for idle TLS connections, and a failed or
 * stalled handshake is closed and logged.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { expect } from 'chai';
import type { Runtime } from '../../../main/server/runtime.js';
import { createRuntime } from '../../../main/server/runtime.js';
import { TLS_CHECK_INTERVAL_MS } from '../../../main/server/tls-certificates.js';
import { type CapturedLogger, capturedLogger, LEVEL } from '../../support/captured-logger.js';
import { scriptsDir } from '../../support/paths.js';
import { fingerprintOf, makeChain, makeSelfSigned, type PemPair, skipWithoutOpenssl } from '../../support/tls-files.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** SHA-256 fingerprint of the certificate the server presented. */
  fingerprint: string;
}

/** GETs `url` on a connection of its own, trusting `ca` (PEM texts). */
function get(url: string, ca: Array<string | Buffer>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, agent: false }, (response) => {
        const fingerprint = (response.socket as tls.TLSSocket).getPeerCertificate().fingerprint256;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, fingerprint }),
        );
      })
      .on('error', reject);
  });
}

/** A symlink `link` → `target`, replacing any, in one rename (as certbot points `live/` at new files). */
function pointAt(link: string, target: string): void {
  const next = `${link}.next`;
  symlinkSync(target, next);
  renameSync(next, link);
}

describe('HTTPS from listen() (tlsCert, tlsKey)', () => {
  let dir: string;
  let first: PemPair;
  let second: PemPair;
  let runtime: Runtime | undefined;
  before(function () {
    skipWithoutOpenssl(this);
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-https-'));
    first = makeSelfSigned(dir, 'first');
    second = makeSelfSigned(dir, 'second');
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });
  const trusted = () => [readFileSync(first.certFile), readFileSync(second.certFile)];

  async function start(pair: PemPair, extra: Record<string, unknown> = {}): Promise<string> {
    runtime = createRuntime({
      root: scriptsDir,
      workers: 1,
      sweepInterval: 0,
      ...(extra['logger'] === undefined ? { log: () => undefined } : {}),
      tlsCert: pair.certFile,
      tlsKey: pair.keyFile,
      ...extra,
    });
    const { url } = await runtime.listen(0, '127.0.0.1');
    return url;
  }

  it('serves HTTPS at an https:// URL; scripts see https, isSecure and the session cookie is Secure', async () => {
    const url = await start(first);
    expect(url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const echo = await get(`${url}/services/js/request-echo.js/a?x=1`, trusted());
    expect(echo.status).to.equal(200);
    expect(echo.fingerprint).to.equal(fingerprintOf(first.certFile));
    const seen = JSON.parse(echo.body) as Record<string, unknown>;
    expect(seen).to.include({ scheme: 'https', secure: true });
    expect(seen['requestURL']).to.equal(`${url}/services/js/request-echo.js/a`);
    const usage = await get(`${url}/services/js/basic-usage.js`, trusted());
    expect(usage.body).to.equal('[Attribute]: value1\n');
    const cookie = String(usage.headers['set-cookie']);
    expect(cookie).to.match(/^JSESSIONID=[^;]+;/);
    expect(cookie).to.match(/; Secure(;|$)/);
  });

  it('sends the intermediates of a fullchain tlsCert: a client trusting only the root connects', async () => {
    const chainDir = path.join(dir, 'chain');
    mkdirSync(chainDir);
    const chain = makeChain(chainDir);
    const root = [readFileSync(chain.rootFile)];
    const leafOnly = await start({ certFile: chain.leafFile, keyFile: chain.keyFile });
    // Without its intermediate the leaf does not verify: the fullchain is what makes the difference.
    const refused = await get(`${leafOnly}/services/js/hello.js`, root).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).to.equal('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    await runtime?.close();
    const url = await start({ certFile: chain.fullchainFile, keyFile: chain.keyFile });
    const answer = await get(`${url}/services/js/hello.js`, root);
    expect(answer.status).to.equal(200);
    expect(answer.fingerprint).to.equal(fingerprintOf(chain.leafFile));
  });

  it('says 100 Continue over TLS only once the body is wanted, as over HTTP', async () => {
    const url = await start(first);
    const socket = tls.connect({ host: '127.0.0.1', port: Number(new URL(url).port), ca: trusted() });
    await once(socket, 'secureConnect');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.write(
      'POST /services/js/no-such.js HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n',
    );
    await once(socket, 'close');
    // A missing script's body is not wanted: 404 at once, no 100 Continue first.
    expect(answer).to.match(/^HTTP\/1\.1 404 /);
  });

  it("an embedder's own https.createServer(runtime.handler) serves scripts that see https and a Secure cookie", async () => {
    runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const server = https.createServer(
      { cert: readFileSync(first.certFile), key: readFileSync(first.keyFile) },
      runtime.handler,
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
      const seen = JSON.parse((await get(`${url}/services/js/request-echo.js`, trusted())).body) as Record<
        string,
        unknown
      >;
      expect(seen).to.include({ scheme: 'https', secure: true, requestURL: `${url}/services/js/request-echo.js` });
      expect(String((await get(`${url}/services/js/basic-usage.js`, trusted())).headers['set-cookie'])).to.match(
        /; Secure(;|$)/,
      );
    } finally {
      await runtime.close();
      server.closeAllConnections();
      server.close();
    }
  });

  describe('a pair renewed on disk', () => {
    let live: string;
    let time: number;
    let logs: CapturedLogger;
    const clock = { now: () => time };
    beforeEach(() => {
      live = mkdtempSync(path.join(dir, 'live-'));
      time = 1_700_000_000_000;
      logs = capturedLogger('info');
    });

    it('is served to the next connection once the files were looked at again, without a restart', async () => {
      const certFile = path.join(live, 'cert.pem');
      const keyFile = path.join(live, 'key.pem');
      pointAt(certFile, first.certFile);
      pointAt(keyFile, first.keyFile);
      const url = await start({ certFile, keyFile }, { clock, logger: logs.logger });
      expect((await get(`${url}/services/js/hello.js`, trusted())).fingerprint).to.equal(fingerprintOf(first.certFile));

      pointAt(certFile, second.certFile);
      pointAt(keyFile, second.keyFile);
      // Looked at no more than every TLS_CHECK_INTERVAL_MS: until then the old pair serves.
      time += TLS_CHECK_INTERVAL_MS - 1;
      expect((await get(`${url}/services/js/hello.js`, trusted())).fingerprint).to.equal(fingerprintOf(first.certFile));
      time += 1;
      const renewed = await get(`${url}/services/js/hello.js`, trusted());
      expect(renewed.fingerprint).to.equal(fingerprintOf(second.certFile));
      expect(renewed.status).to.equal(200);
      expect(logs.matching({ component: 'tls' }).map((line) => line.msg)).to.deep.equal([
        `TLS certificate reloaded from ${certFile} and ${keyFile}`,
      ]);
    });

    it('that does not check keeps the old pair serving, logged once, until a good one comes', async () => {
      const certFile = path.join(live, 'cert.pem');
      const keyFile = path.join(live, 'key.pem');
      writeFileSync(certFile, readFileSync(first.certFile));
      writeFileSync(keyFile, readFileSync(first.keyFile));
      const url = await start({ certFile, keyFile }, { clock, logger: logs.logger });

      // Half a renewal: the new certificate, the old key.
      writeFileSync(certFile, readFileSync(second.certFile));
      for (let check = 0; check < 2; check++) {
        time += TLS_CHECK_INTERVAL_MS;
        const answer = await get(`${url}/services/js/hello.js`, trusted());
        expect(answer.status).to.equal(200);
        expect(answer.fingerprint).to.equal(fingerprintOf(first.certFile));
      }
      const errors = logs.matching({ component: 'tls', level: 50 });
      expect(errors).to.have.length(1);
      expect(errors[0]?.msg).to.match(
        /^TLS certificate not reloaded, the previous one still serves: option "tlsKey" is not the key/,
      );

      writeFileSync(keyFile, readFileSync(second.keyFile));
      time += TLS_CHECK_INTERVAL_MS;
      expect((await get(`${url}/services/js/hello.js`, trusted())).fingerprint).to.equal(
        fingerprintOf(second.certFile),
      );
    });

    it('that is a FIFO is refused without waiting on it: the old pair serves, the server does not stall', async () => {
      const certFile = path.join(live, 'cert.pem');
      const keyFile = path.join(live, 'key.pem');
      pointAt(certFile, first.certFile);
      pointAt(keyFile, first.keyFile);
      const url = await start({ certFile, keyFile }, { clock, logger: logs.logger });
      const fifo = path.join(live, 'fifo.pem');
      expect(spawnSync('mkfifo', [fifo]).status).to.equal(0);
      // A read that waits for a writer stalls the whole process; this writer ends such a wait (with
      // no PEM) so that the spec fails rather than hangs. A read that does not wait never meets it.
      const writer = spawn('sh', ['-c', `sleep 2; echo no-pem > '${fifo}'`], { stdio: 'ignore' });
      try {
        pointAt(certFile, fifo);
        time += TLS_CHECK_INTERVAL_MS;
        const answer = await get(`${url}/services/js/hello.js`, trusted());
        expect(answer.status).to.equal(200);
        expect(answer.fingerprint).to.equal(fingerprintOf(first.certFile));
        const errors = logs.matching({ component: 'tls', level: 50 }).map((line) => line.msg);
        expect(errors).to.deep.equal([
          `TLS certificate not reloaded, the previous one still serves: option "tlsCert" cannot be read: is not a regular file: ${certFile}`,
        ]);
      } finally {
        writer.kill('SIGKILL');
      }
    });
  });

  it('answers a request the parser refuses over TLS as over HTTP: 400, X-Request-Id, Connection: close', async () => {
    const url = await start(first);
    const socket = tls.connect({ host: '127.0.0.1', port: Number(new URL(url).port), ca: trusted() });
    await once(socket, 'secureConnect');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.write('GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    await once(socket, 'close');
    expect(answer).to.match(/^HTTP\/1\.1 400 Bad Request\r\nX-Request-Id: [0-9a-f-]{36}\r\nConnection: close\r\n/);
  });

  describe('failed handshakes (tlsHandshakeTimeout)', () => {
    /** A raw TCP connection to the server at `url`. */
    async function tcp(url: string): Promise<net.Socket> {
      const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    }

    it('plain HTTP sent to the HTTPS port: the connection is closed, one info line names the code and the client', async () => {
      const logs = capturedLogger();
      const url = await start(first, { logger: logs.logger });
      const socket = await tcp(url);
      socket.on('error', () => undefined);
      socket.write('GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\n');
      await once(socket, 'close');
      const lines = logs.matching({ component: 'tls' });
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ level: LEVEL.info, code: 'ERR_SSL_HTTP_REQUEST', remoteAddress: '127.0.0.1' });
      expect(lines[0]?.msg).to.equal('TLS handshake failed: ERR_SSL_HTTP_REQUEST (http request)');
    });

    it('a client that connects and stays silent is closed after tlsHandshakeTimeout, and logged', async () => {
      const logs = capturedLogger();
      const url = await start(first, { logger: logs.logger, tlsHandshakeTimeout: 150 });
      const socket = await tcp(url);
      socket.on('error', () => undefined);
      await once(socket, 'close');
      const lines = logs.matching({ component: 'tls' });
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ level: LEVEL.info, code: 'ERR_TLS_HANDSHAKE_TIMEOUT', remoteAddress: '127.0.0.1' });
      expect(lines[0]?.msg).to.equal('TLS handshake failed: ERR_TLS_HANDSHAKE_TIMEOUT (TLS handshake timeout)');
      // The server still serves.
      expect((await get(`${url}/services/js/hello.js`, trusted())).body).to.equal('hello');
    });

    it('counts each failure under its reason in dirigible_tls_handshake_failures_total', async () => {
      const url = await start(first, { metricsPath: '/metrics', tlsHandshakeTimeout: 150 });
      const plain = await tcp(url);
      plain.on('error', () => undefined);
      plain.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      await once(plain, 'close');
      const silent = await tcp(url);
      silent.on('error', () => undefined);
      await once(silent, 'close');
      const closing = await tcp(url);
      closing.end();
      await once(closing, 'close');
      const metrics = (await get(`${url}/metrics`, trusted())).body;
      const counted = (reason: string) =>
        Number(
          new RegExp(`^dirigible_tls_handshake_failures_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(metrics)?.[1],
        );
      expect([
        counted('plain_http'),
        counted('timeout'),
        counted('closed'),
        counted('alert'),
        counted('protocol'),
      ]).to.deep.equal([1, 1, 1, 0, 0]);
    });

    it('a connection closed before its handshake (a TCP health check) is a debug line only', async () => {
      const logs = capturedLogger();
      const url = await start(first, { logger: logs.logger });
      const socket = await tcp(url);
      const closed = once(socket, 'close');
      socket.end();
      await closed;
      // A request after it: its access line comes after the failed handshake's line.
      await get(`${url}/services/js/hello.js`, trusted());
      const lines = logs.matching({ component: 'tls' });
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ level: LEVEL.debug, code: 'ECONNRESET', remoteAddress: '127.0.0.1' });
      expect(lines[0]?.msg).to.equal('TLS handshake not finished: the client closed the connection');
    });
  });

  for (const moment of ['while the server still finishes its handshake', 'once its handshake is done']) {
    it(`close() ends an open, unused TLS connection at once (${moment}): it does not hold the shutdown`, async () => {
      const url = await start(first, { shutdownTimeout: 20_000 });
      const socket = tls.connect({ host: '127.0.0.1', port: Number(new URL(url).port), ca: trusted() });
      // The client is done first (TLS 1.3); the server's session ticket comes once the server is done too.
      await once(socket, moment.startsWith('once') ? 'session' : 'secureConnect');
      const closed = once(socket, 'close');
      await (runtime as Runtime).close();
      await closed;
    });
  }
});
