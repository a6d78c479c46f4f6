/**
 * The nginx example of docs/multi-machine.md ("Load balancer"), run by a real nginx in front of a
 * runtime that trusts it (`trustProxy: ['127.0.0.1']`, the proxy's address, as the page says), its
 * `X-Forwarded-Host` and `-Port` too (`trustForwardedHost`, which the example does not need): what
 * keeps a client's from counting is then the example's clearing of them.
 * Only what names the reader's deployment is replaced: the upstream nodes become the spec's
 * runtime, `listen 443 ssl` a loopback port with throwaway certificates. The client connects from
 * 127.0.0.2, so its address is not the proxy's. Skipped, saying why, where nginx is missing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { packageDir } from '../support/paths.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { makeSelfSigned, skipWithoutOpenssl } from '../support/tls-files.js';

const SCRIPT = '/services/js/request/forwarded.js';

/** The page's one ```nginx block. */
function nginxExample(): string {
  const page = readFileSync(path.join(packageDir, 'docs/multi-machine.md'), 'utf8');
  const found = [...page.matchAll(/^```nginx\n([\s\S]*?)^```\n/gm)].map((match) => match[1] ?? '');
  expect(found, 'docs/multi-machine.md: one nginx block').to.have.length(1);
  return found[0] as string;
}

/** A port no one listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** GETs `path` through nginx from 127.0.0.1 as a client at 127.0.0.2, with `headers`; the JSON answer. */
function viaProxy(port: number, headers: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    https
      .get(
        {
          host: '127.0.0.1',
          port,
          path: SCRIPT,
          headers,
          localAddress: '127.0.0.2',
          rejectUnauthorized: false,
          agent: false,
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => {
            try {
              expect(response.statusCode, body).to.equal(200);
              resolve(JSON.parse(body) as Record<string, unknown>);
            } catch (error) {
              reject(error);
            }
          });
        },
      )
      .on('error', reject);
  });
}

describe('docs/multi-machine.md: the nginx example in front of a runtime that trusts it', function () {
  this.timeout(60_000);
  let dir: string;
  let harness: Harness | undefined;
  let nginx: ChildProcess | undefined;
  let port: number;

  before(async function () {
    if (spawnSync('nginx', ['-v']).status !== 0) {
      console.warn('      skipped: the nginx command is missing (apt-get install nginx)');
      this.skip();
    }
    skipWithoutOpenssl(this);
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-nginx-'));
    const pair = makeSelfSigned(dir, 'proxy');
    harness = await startRuntime({ trustProxy: ['127.0.0.1'], trustForwardedHost: true });
    port = await freePort();
    const upstream = new URL(harness.url);
    const site = nginxExample()
      .replace(/(?:^\s*server 10\.0\.0\.\d+:8080;\n)+/m, `    server 127.0.0.1:${upstream.port};\n`)
      .replace(
        'listen 443 ssl;',
        `listen 127.0.0.1:${port} ssl; ssl_certificate ${pair.certFile}; ssl_certificate_key ${pair.keyFile};`,
      );
    expect(site).to.include(`server 127.0.0.1:${upstream.port};`);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir};`);
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\naccess_log off;\n${temp.join('\n')}\n${site}}\n`,
    );
    const started = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    nginx = started;
    let stderr = '';
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // One connection attempt at a time until nginx listens (refused at once before).
    const deadline = Date.now() + 15_000;
    while (!(await connects(port))) {
      if (started.exitCode !== null) throw new Error(`nginx exited ${started.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`nginx does not listen on ${port}: ${stderr}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  });

  after(async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await once(nginx, 'exit');
    }
    await harness?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('scripts see the client and https, from the proxy', async () => {
    const report = await viaProxy(port, {});
    expect(report).to.include({ remoteAddress: '127.0.0.2', scheme: 'https', secure: true, serverName: '127.0.0.1' });
  });

  it('a client cannot name another host, port, scheme or address through it', async () => {
    const report = await viaProxy(port, {
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-Port': '8888',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-For': '6.6.6.6',
    });
    expect(report).to.include({
      remoteAddress: '127.0.0.2',
      scheme: 'https',
      serverName: '127.0.0.1',
      serverPort: 443,
    });
    expect(report['requestURL']).to.equal(`https://127.0.0.1${SCRIPT}`);
  });
});
