/**
 * The runtime in an Express app behind a TLS-terminating proxy: the app's `trust proxy` setting
 * decides, as it does for the app's own routes and its express-session cookie, whether a request
 * came over TLS and from which client; scripts and the session cookie agree with it
 * (docs/embedding.md, "Behind a proxy").
 */
import { expect } from 'chai';
import express from 'express';
import session from 'express-session';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { type CapturedLogger, capturedLogger } from '../../support/captured-logger.js';
import { embeddingScriptsDir, type LoopbackServer, listenOnLoopback } from '../../support/express-app.js';

const PROXIED = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };

describe("the runtime behind a proxy that the Express app trusts ('trust proxy')", () => {
  let runtime: Runtime;
  let server: LoopbackServer;
  let url: string;

  /** Starts the app; `trust` is its 'trust proxy' setting, `trustProxy` the runtime's (with `trustForwardedHost`). */
  async function start(trust: string | false, logger?: CapturedLogger, trustProxy?: string[]): Promise<void> {
    runtime = createRuntime({
      root: embeddingScriptsDir,
      workers: 1,
      sweepInterval: 0,
      ...(logger === undefined ? { log: () => undefined } : { logger: logger.logger }),
      ...(trustProxy === undefined ? {} : { trustProxy, trustForwardedHost: true }),
    });
    const app = express();
    app.set('trust proxy', trust);
    app.use(session({ secret: 'test secret', resave: false, saveUninitialized: true, cookie: { secure: 'auto' } }));
    app.use(runtime.handler);
    server = await listenOnLoopback(app);
    url = server.url;
  }

  afterEach(async () => {
    await server.close();
    await runtime.close();
  });

  /** The script's report and the Set-Cookie lines, by cookie name. */
  async function client(): Promise<{ body: Record<string, unknown>; cookies: Map<string, string> }> {
    const response = await fetch(`${url}/services/js/client.js`, { headers: PROXIED });
    expect(response.status).to.equal(200);
    const cookies = new Map(response.headers.getSetCookie().map((line) => [line.split('=')[0] ?? '', line]));
    return { body: (await response.json()) as Record<string, unknown>, cookies };
  }

  it('trusted: scripts see https and the forwarded client; JSESSIONID is Secure like the app cookie', async () => {
    await start('loopback');
    const { body, cookies } = await client();
    expect(body).to.deep.include({ scheme: 'https', secure: true, remoteAddress: '203.0.113.7' });
    expect(body['requestURL']).to.match(/^https:\/\//);
    expect(cookies.get('connect.sid')).to.match(/; Secure/);
    expect(cookies.get('JSESSIONID')).to.match(/; Secure/);
  });

  it('the access line names the client as the app does (req.ip): forwarded when trusted, else the peer', async () => {
    for (const [trust, remoteAddress] of [
      ['loopback', '203.0.113.7'],
      [false, '127.0.0.1'],
    ] as const) {
      const log = capturedLogger('info');
      await start(trust, log);
      await client();
      await server.close();
      await runtime.close();
      const access = log.matching({ path: '/services/js/client.js', status: 200 });
      expect(access, String(trust)).to.have.length(1);
      expect(access[0]?.['remoteAddress'], String(trust)).to.equal(remoteAddress);
    }
    // afterEach closes them again.
    await start(false);
  });

  it("X-Forwarded-Host counts only through the runtime's own trustProxy: the app's 'trust proxy' does not hand it over", async () => {
    const requestURL = async () => {
      const response = await fetch(`${url}/services/js/client.js`, {
        headers: { ...PROXIED, 'X-Forwarded-Host': 'public.example' },
      });
      return ((await response.json()) as Record<string, unknown>)['requestURL'];
    };
    await start('loopback');
    expect(await requestURL()).to.match(/^https:\/\/127\.0\.0\.1:\d+\//);
    await server.close();
    await runtime.close();
    await start(false, undefined, ['loopback']);
    expect(await requestURL()).to.equal('https://public.example/services/js/client.js');
  });

  it('not trusted: the forwarded headers count for neither the app nor the scripts', async () => {
    await start(false);
    const { body, cookies } = await client();
    expect(body).to.deep.include({ scheme: 'http', secure: false, remoteAddress: '127.0.0.1' });
    expect(cookies.get('connect.sid')).to.not.match(/; Secure/);
    expect(cookies.get('JSESSIONID')).to.not.match(/; Secure/);
  });
});
