/**
 * `trustProxy` on a plain runtime (createRuntime's own server), as Tomcat's RemoteIpValve: which
 * peers are proxies (every one, or a list of addresses and CIDR ranges), and what their
 * `X-Forwarded-For`, `-Proto` and (with `trustForwardedHost`, as the valve's `hostHeader` and
 * `portHeader`) `-Host` and `-Port` then decide: the client a script sees and the access line
 * names, the scheme, the server name and port, and the host the cross-site check compares `Origin`
 * with. A peer not trusted changes nothing with them (docs/embedding.md, "Behind a proxy").
 */
import http from 'node:http';
import { expect } from 'chai';
import { createRuntime } from '../../../main/server/runtime.js';
import type { RuntimeOptions } from '../../../main/server/options.js';
import { resolveProxyTrust } from '../../../main/server/proxy-trust.js';
import { resolveOptions } from '../../../main/server/options.js';
import { nameAsGiven } from '../../../main/cli/option-sources.js';
import { parseServeArguments } from '../../../main/cli/serve-command.js';
import { type CapturedLogger, capturedLogger } from '../../support/captured-logger.js';
import { scriptsDir } from '../../support/paths.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const SCRIPT = '/services/js/request/forwarded.js';

interface Answer {
  status: number;
  body: string;
  /** The client's own port: the server's peer port. */
  clientPort: number;
}

interface Report {
  remoteAddress: string;
  remoteHost: string;
  remotePort: number;
  serverName: string;
  serverPort: number;
  requestURL: string;
  scheme: string;
  secure: boolean;
}

/** Sends exactly `headers` (no other client adds any) over loopback. */
function send(url: string, headers: Record<string, string>, method = 'GET', path = SCRIPT): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, clientPort: request.socket?.localPort ?? 0 }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

async function report(url: string, headers: Record<string, string>): Promise<Report & { clientPort: number }> {
  const answer = await send(url, headers);
  expect(answer.status, answer.body).to.equal(200);
  return { ...(JSON.parse(answer.body) as Report), clientPort: answer.clientPort };
}

const FORWARDED = {
  'X-Forwarded-For': '198.51.100.9, 10.0.0.2',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Host': 'public.example',
};

describe('trustProxy: a runtime behind proxies it trusts (RemoteIpValve)', () => {
  let harness: Harness | undefined;
  let log: CapturedLogger;

  async function start(trustProxy: RuntimeOptions['trustProxy'], more: Partial<RuntimeOptions> = {}): Promise<string> {
    log = capturedLogger('info');
    harness = await startRuntime({
      logger: log.logger,
      ...(trustProxy === undefined ? {} : { trustProxy }),
      ...more,
    });
    return harness.url;
  }

  /** Trusts the proxies of `trustProxy`, their `X-Forwarded-Host` and `-Port` too. */
  const startWithHost = (trustProxy: RuntimeOptions['trustProxy']) => start(trustProxy, { trustForwardedHost: true });

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  /** The `remoteAddress` field of the access line of the request to `path`. */
  function remoteLogged(path = SCRIPT): unknown {
    const lines = log.matching({ path, method: 'GET' });
    expect(lines).to.have.length(1);
    return lines[0]?.['remoteAddress'];
  }

  it('a peer in the list: X-Forwarded-For walked from the right past trusted hops names the client', async () => {
    const url = await start(['127.0.0.1', '10.0.0.0/8']);
    const seen = await report(url, FORWARDED);
    expect(seen).to.deep.include({ remoteAddress: '198.51.100.9', remoteHost: '198.51.100.9' });
    // The port stays the peer's (the proxy's), as the valve keeps it: no header names the client's.
    expect(seen.remotePort).to.equal(seen.clientPort);
    await harness?.close();
    harness = undefined;
    expect(remoteLogged()).to.equal('198.51.100.9');
  });

  it('the first untrusted hop is the client: one not in the list stops the walk', async () => {
    const url = await start(['loopback']);
    expect(await report(url, FORWARDED)).to.deep.include({ remoteAddress: '10.0.0.2', remoteHost: '10.0.0.2' });
  });

  it('X-Forwarded-Proto, -Host and -Port of a trusted peer decide the scheme, server name and port, and the URL', async () => {
    const url = await startWithHost(['loopback']);
    expect(await report(url, FORWARDED)).to.deep.include({
      scheme: 'https',
      secure: true,
      serverName: 'public.example',
      serverPort: 443,
      requestURL: `https://public.example${SCRIPT}`,
    });
    expect(await report(url, { ...FORWARDED, 'X-Forwarded-Host': 'public.example:8443' })).to.deep.include({
      serverName: 'public.example',
      serverPort: 8443,
      requestURL: `https://public.example:8443${SCRIPT}`,
    });
    expect(await report(url, { ...FORWARDED, 'X-Forwarded-Port': '8443' })).to.deep.include({
      serverPort: 8443,
      requestURL: `https://public.example:8443${SCRIPT}`,
    });
    // Appended to (two values) or no host: ignored, Host stands.
    const port = Number(new URL(url).port);
    for (const host of ['public.example, evil.example', ':80', 'a b'])
      expect(await report(url, { ...FORWARDED, 'X-Forwarded-Host': host }), host).to.deep.include({
        serverName: '127.0.0.1',
        serverPort: port,
      });
  });

  it("without trustForwardedHost (Tomcat's hostHeader, portHeader), a trusted peer's X-Forwarded-Host and -Port change nothing", async () => {
    const url = await start(['loopback', '10.0.0.0/8']);
    const port = Number(new URL(url).port);
    const seen = await report(url, {
      ...FORWARDED,
      'X-Forwarded-Host': 'evil.example:8443',
      'X-Forwarded-Port': '8888',
    });
    // X-Forwarded-For and -Proto still count.
    expect(seen).to.deep.include({
      remoteAddress: '198.51.100.9',
      scheme: 'https',
      serverName: '127.0.0.1',
      serverPort: port,
      requestURL: `https://127.0.0.1:${port}${SCRIPT}`,
    });
    expect(await report(url, { ...FORWARDED, 'X-Forwarded-Host': 'evil.example' })).to.deep.include({
      serverName: '127.0.0.1',
      serverPort: port,
    });
  });

  it('a peer not in the list: every forwarded header is ignored, and the access line names the peer', async () => {
    const url = await startWithHost(['10.0.0.0/8', '::1']);
    const seen = await report(url, { ...FORWARDED, 'X-Forwarded-Port': '8443' });
    const port = Number(new URL(url).port);
    expect(seen).to.deep.include({
      remoteAddress: '127.0.0.1',
      remoteHost: '127.0.0.1',
      scheme: 'http',
      secure: false,
      serverName: '127.0.0.1',
      serverPort: port,
      requestURL: `http://127.0.0.1:${port}${SCRIPT}`,
    });
    await harness?.close();
    harness = undefined;
    expect(remoteLogged()).to.equal('127.0.0.1');
  });

  it('by default (trustProxy false) nothing forwarded counts; the access line names the peer', async () => {
    const url = await start(undefined);
    expect(await report(url, FORWARDED)).to.deep.include({
      remoteAddress: '127.0.0.1',
      scheme: 'http',
      serverName: '127.0.0.1',
    });
    await harness?.close();
    harness = undefined;
    expect(remoteLogged()).to.equal('127.0.0.1');
  });

  it('on a server listening on ::, the access line names an IPv4 client as scripts see it, not IPv4-mapped', async () => {
    log = capturedLogger('info');
    const runtime = createRuntime({
      root: scriptsDir,
      workers: 1,
      sweepInterval: 0,
      logger: log.logger,
      trustProxy: ['loopback'],
    });
    try {
      const { port } = await runtime.listen(0, '::');
      const url = `http://127.0.0.1:${port}`;
      // The peer (::ffff:127.0.0.1 on this socket) is trusted; the client it names is IPv4-mapped too.
      expect(await report(url, { 'X-Forwarded-For': '::ffff:198.51.100.9' })).to.deep.include({
        remoteAddress: '198.51.100.9',
      });
      expect(await report(url, {})).to.deep.include({ remoteAddress: '127.0.0.1' });
    } finally {
      await runtime.close();
    }
    expect(log.matching({ path: SCRIPT, method: 'GET' }).map((line) => line['remoteAddress'])).to.deep.equal([
      '198.51.100.9',
      '127.0.0.1',
    ]);
  });

  it('true trusts every peer and every hop: the leftmost address is the client', async () => {
    const url = await start(true);
    expect(await report(url, FORWARDED)).to.deep.include({ remoteAddress: '198.51.100.9', scheme: 'https' });
  });

  it('an entry that is no address stops the walk: the last good hop is the client', async () => {
    const url = await start(true);
    expect(await report(url, { 'X-Forwarded-For': '198.51.100.9, unknown, 10.0.0.2' })).to.deep.include({
      remoteAddress: '10.0.0.2',
    });
    expect(await report(url, { 'X-Forwarded-For': '198.51.100.9:4711' })).to.deep.include({
      remoteAddress: '127.0.0.1',
    });
    expect(await report(url, { 'X-Forwarded-For': '[2001:db8::7], 10.0.0.2' })).to.deep.include({
      remoteAddress: '2001:db8::7',
    });
  });

  describe('the cross-site check compares Origin with the host the client asked for', () => {
    const post = (url: string, headers: Record<string, string>) => send(url, headers, 'POST', '/services/js/hello.js');

    it("a trusted proxy's X-Forwarded-Host, with trustForwardedHost: a same-site Origin passes, another is refused", async () => {
      const url = await startWithHost(['loopback']);
      const forwarded = { 'X-Forwarded-Host': 'public.example', 'X-Forwarded-Proto': 'https' };
      expect((await post(url, { ...forwarded, Origin: 'https://public.example' })).status).to.equal(200);
      expect((await post(url, { ...forwarded, Origin: 'https://evil.example' })).status).to.equal(403);
    });

    it('a forged X-Forwarded-Host from a peer not trusted changes nothing', async () => {
      const url = await startWithHost(['10.0.0.0/8']);
      const forged = { 'X-Forwarded-Host': 'evil.example', Origin: 'http://evil.example' };
      expect((await post(url, forged)).status).to.equal(403);
      expect((await post(url, { ...forged, Origin: new URL(url).origin })).status).to.equal(200);
    });

    it("without trustForwardedHost, a trusted proxy's X-Forwarded-Host changes nothing: Host is compared", async () => {
      const url = await start(['loopback']);
      const forged = { 'X-Forwarded-Host': 'evil.example', Origin: 'http://evil.example' };
      expect((await post(url, forged)).status).to.equal(403);
      expect((await post(url, { ...forged, Origin: new URL(url).origin })).status).to.equal(200);
    });
  });

  describe('the option, checked at start-up', () => {
    const bad: unknown[] = ['yes', ['10.0.0.0/33'], ['10.0.0.1/'], ['fd00::/129'], ['example.com'], [42], 1];
    for (const trustProxy of bad)
      it(`refuses ${JSON.stringify(trustProxy)}, naming trustProxy`, () => {
        expect(() => createRuntime({ root: scriptsDir, workers: 1, trustProxy: trustProxy as never }))
          .to.throw('option "trustProxy"')
          .with.property('code', 'ERR_INVALID_OPTION');
      });

    it('refuses trustForwardedHost without trustProxy, naming both, and one that is no boolean', () => {
      for (const trustProxy of [{}, { trustProxy: false }, { trustProxy: [] }])
        expect(() => createRuntime({ root: scriptsDir, workers: 1, trustForwardedHost: true, ...trustProxy }))
          .to.throw(
            'option "trustForwardedHost" needs "trustProxy" (the proxies whose X-Forwarded-Host and X-Forwarded-Port it trusts)',
          )
          .with.property('code', 'ERR_INVALID_OPTION');
      expect(() =>
        createRuntime({ root: scriptsDir, workers: 1, trustProxy: true, trustForwardedHost: 'true' as never }),
      )
        .to.throw('option "trustForwardedHost" must be a boolean')
        .with.property('code', 'ERR_INVALID_OPTION');
    });

    it('on the command line, the refusal names the flag, variable or config key as given', () => {
      const refused = (argv: string[], env: NodeJS.ProcessEnv) => {
        const parsed = parseServeArguments([scriptsDir, ...argv], env);
        try {
          resolveOptions(parsed.options);
        } catch (error) {
          return (nameAsGiven(error, parsed.sources) as Error).message;
        }
        throw new Error('accepted');
      };
      expect(refused(['--trust-forwarded-host'], {})).to.match(
        /^option "--trust-forwarded-host" needs "--trust-proxy"/,
      );
      expect(refused([], { DIRIGIBLE_SESSION_TRUST_FORWARDED_HOST: 'true' })).to.match(
        /^option "DIRIGIBLE_SESSION_TRUST_FORWARDED_HOST" needs "DIRIGIBLE_SESSION_TRUST_PROXY"/,
      );
      expect(
        resolveOptions(parseServeArguments([scriptsDir, '--trust-proxy', '--trust-forwarded-host'], {}).options),
      ).to.have.property('trustForwardedHost', true);
    });

    it('matches an IPv4-mapped peer (a server listening on ::) against the IPv4 ranges', () => {
      const trust = resolveProxyTrust(['loopback', '10.0.0.0/8']);
      for (const address of ['::ffff:127.0.0.1', '::ffff:10.1.2.3', '127.0.0.1', '::1'])
        expect(trust?.trusts(address), address).to.equal(true);
      for (const address of ['::ffff:192.0.2.1', '192.0.2.1', '2001:db8::1', 'fe80::1%eth0', '', 'junk'])
        expect(trust?.trusts(address), address).to.equal(false);
      expect(resolveProxyTrust(false)).to.equal(undefined);
      expect(resolveProxyTrust([])).to.equal(undefined);
    });

    it('takes addresses, CIDR ranges of both families and the names of ranges', async () => {
      const url = await start([' 192.0.2.1', '2001:db8::/32', 'LINKLOCAL', 'uniquelocal', 'private', '127.0.0.0/8']);
      expect(await report(url, FORWARDED)).to.deep.include({ remoteAddress: '198.51.100.9' });
    });
  });
});
