/**
 * Web-app safety in front of the scripts: cross-site protection (403 before any script or session
 * work, trusted origins) and error pages (HTML for browsers, JSON otherwise, stacks only in development).
 */
import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import { crossSiteGuard } from '../../../main/server/cross-site.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { embeddingScriptsDir } from '../../support/express-app.js';

function request(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

function refusal(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('web-app safety', () => {
  describe('crossSiteGuard', () => {
    const guard = crossSiteGuard(true, ['https://partner.example']);

    it('refuses unsafe requests the browser marks cross-site or same-site', () => {
      for (const site of ['cross-site', 'same-site'])
        expect(refusal(() => guard.check(request('POST', { 'sec-fetch-site': site, host: 'a.test' })))).to.equal(
          'ERR_CROSS_SITE',
        );
    });

    it('lets same-origin, user-initiated (none) and safe-method requests through', () => {
      expect(refusal(() => guard.check(request('POST', { 'sec-fetch-site': 'same-origin' })))).to.equal(undefined);
      expect(refusal(() => guard.check(request('DELETE', { 'sec-fetch-site': 'none' })))).to.equal(undefined);
      expect(refusal(() => guard.check(request('GET', { 'sec-fetch-site': 'cross-site' })))).to.equal(undefined);
    });

    it('without Sec-Fetch-Site compares Origin with Host; no Origin at all is not a browser page', () => {
      const host = { host: 'app.test:8080' };
      expect(refusal(() => guard.check(request('POST', { ...host, origin: 'http://app.test:8080' })))).to.equal(
        undefined,
      );
      expect(refusal(() => guard.check(request('POST', { ...host, origin: 'http://evil.test' })))).to.equal(
        'ERR_CROSS_SITE',
      );
      expect(refusal(() => guard.check(request('POST', { ...host, origin: 'null' })))).to.equal('ERR_CROSS_SITE');
      expect(refusal(() => guard.check(request('PUT', host)))).to.equal(undefined);
    });

    it("compares Origin with Host as URLs of the origin's scheme: case and a default port do not count", () => {
      const check = (host: string, origin: string) => refusal(() => guard.check(request('POST', { host, origin })));
      // A proxy that adds the port to Host (nginx's `$host:$server_port`), for an old browser without Sec-Fetch-Site.
      expect(check('app.test:443', 'https://app.test')).to.equal(undefined);
      expect(check('app.test:80', 'http://app.test')).to.equal(undefined);
      expect(check('app.test', 'https://app.test:443')).to.equal(undefined);
      expect(check('APP.test', 'http://app.test')).to.equal(undefined);
      expect(check('[::1]:8080', 'http://[::1]:8080')).to.equal(undefined);
      expect(check('app.test:443', 'http://app.test')).to.equal('ERR_CROSS_SITE');
      expect(check('app.test:8443', 'https://app.test')).to.equal('ERR_CROSS_SITE');
      expect(check('app.test', 'http://app.test.evil.test')).to.equal('ERR_CROSS_SITE');
      expect(check('app.test/x', 'http://app.test')).to.equal('ERR_CROSS_SITE');
      expect(check('evil.test@app.test', 'http://app.test')).to.equal('ERR_CROSS_SITE');
      expect(check('', 'http://app.test')).to.equal('ERR_CROSS_SITE');
    });

    it('lets trusted origins through, and can be turned off', () => {
      const fromPartner = request('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://partner.example' });
      expect(refusal(() => guard.check(fromPartner))).to.equal(undefined);
      const off = crossSiteGuard(false, []);
      expect(refusal(() => off.check(request('POST', { 'sec-fetch-site': 'cross-site' })))).to.equal(undefined);
    });

    it('refuses a trusted origin that is not an origin, naming the option', () => {
      expect(() => crossSiteGuard(true, ['https://a.test/path'])).to.throw(/option "trustedOrigins\[0\]"/);
    });
  });

  describe('through the runtime', () => {
    let runtime: Runtime;
    let client: CookieJarClient;
    before(async () => {
      runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
      const { url } = await runtime.listen(0, '127.0.0.1');
      client = new CookieJarClient(url);
    });
    after(() => runtime.close());

    it('a cross-site POST gets 403 ERR_CROSS_SITE and no session', async () => {
      const response = await client.request('/services/js/session-ops.js', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
        body: JSON.stringify({ set: { a: 1 } }),
      });
      expect(response.status).to.equal(403);
      expect(response.json<{ code: string }>().code).to.equal('ERR_CROSS_SITE');
      expect(response.setCookies).to.deep.equal([]);
      expect(await runtime.sessions.store.count?.()).to.equal(0);
    });

    it('errors are HTML for clients that accept HTML, escaped and without a stack outside development', async () => {
      const response = await client.request('/services/js/throws.js', {
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(response.status).to.equal(500);
      expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(response.text).to.include('<h1>500 Error</h1>');
      expect(response.text).to.include('broken &#60;b&#62;here&#60;/b&#62; &#38; &#34;there&#34;');
      expect(response.text).to.not.include('<pre>');
      expect(response.text).to.not.include('throws.js:');
    });

    it('errors are JSON for other clients', async () => {
      const response = await client.request('/services/js/missing.js', { headers: { accept: 'application/json' } });
      expect(response.status).to.equal(404);
      expect(response.json()).to.deep.equal({
        status: 404,
        error: 'Not Found',
        code: 'ERR_SCRIPT_NOT_FOUND',
        message: 'no script at this path',
      });
    });
  });

  it('in development the HTML error page shows the stack', async () => {
    const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, development: true, log: () => undefined });
    try {
      const { url } = await runtime.listen(0, '127.0.0.1');
      const response = await new CookieJarClient(url).request('/services/js/throws.js', {
        headers: { accept: 'text/html' },
      });
      expect(response.text).to.match(/<pre>[^<]*Error: broken/);
    } finally {
      await runtime.close();
    }
  });
});
