/**
 * The runtime in a Koa app through the function docs/embedding.md shows (`koaScripts`), with
 * koa-session, koa-bodyparser and `@koa/router` in front, as a Koa app has them: the checks of the
 * Express specs (bodies a parser already read, the app's user, a mount path, other URLs going on
 * to the app, errors, headers, HEAD, shutdown), over real HTTP.
 */
import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import session from 'koa-session';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { type EchoedBody, postToEchoBody, uploadForm } from '../../support/echo-body.js';
import { embeddingScriptsDir, listenOnLoopback, type LoopbackServer } from '../../support/express-app.js';
import { loadKoaScripts } from '../../support/koa-recipe.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';

describe("the runtime in a Koa app, through docs/embedding.md's koaScripts", () => {
  let runtime: Runtime;
  let server: LoopbackServer;
  let url: string;

  before(async () => {
    const koaScripts = await loadKoaScripts();
    runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const app = new Koa();
    app.keys = ['change me'];
    app.use(async (ctx, next) => {
      ctx.set('X-App', 'koa');
      await next();
    });
    app.use(session(app));
    app.use(bodyParser());
    const router = new Router();
    router.post('/app/login', (ctx) => {
      if (ctx.session !== null) ctx.session['user'] = String((ctx.request.body as { user: unknown }).user);
      ctx.body = { ok: true };
    });
    app.use(router.routes());
    // koa-passport's place for the user, from the app's own session here.
    app.use(async (ctx, next) => {
      const user = ctx.session?.['user'];
      if (typeof user === 'string') ctx.state['user'] = { username: user, roles: ['admin'] };
      await next();
    });
    app.use(koaScripts(runtime, '/scripts'));
    app.use(koaScripts(runtime));
    app.use((ctx) => {
      ctx.status = 404;
      ctx.body = 'the app answers';
    });
    server = await listenOnLoopback(app.callback());
    url = server.url;
  });

  after(async () => {
    await server.close();
    await runtime.close();
  });

  function echo(type: string, body: string): Promise<EchoedBody> {
    return postToEchoBody(url, type, body);
  }

  it('bodies koa-bodyparser read (JSON, form, text) reach the script as sent; other types the runtime reads', async () => {
    expect(await echo('application/json', '{"a": [1, 2]}')).to.deep.include({
      text: '{"a": [1, 2]}',
      json: { a: [1, 2] },
    });
    expect(await echo('application/x-www-form-urlencoded', 'a=1&b=x%20y')).to.deep.include({
      text: 'a=1&b=x%20y',
      parameters: { a: ['1'], b: ['x y'] },
    });
    expect((await echo('text/plain', 'hello')).text).to.equal('hello');
    expect((await echo('application/xml', '<a/>')).text).to.equal('<a/>');
    expect(await echo('application/json', '')).to.deep.include({ text: '', json: null });
    const upload = await fetch(`${url}/services/js/upload.js`, { method: 'POST', body: uploadForm() });
    expect(await upload.json()).to.deep.equal([
      { field: 'title', file: null, text: 'hello' },
      { field: 'file', file: 'a.txt', text: 'file body' },
    ]);
  });

  it("scripts see the app's user (ctx.state.user) and keep their own session next to koa-session's", async () => {
    const client = new CookieJarClient(url);
    expect(JSON.parse((await client.get('/services/js/who.js')).text)).to.deep.include({ user: null });
    const login = await client.request('/app/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'ann' }),
    });
    expect(login.status).to.equal(200);
    const who = await client.get('/services/js/who.js');
    expect(JSON.parse(who.text)).to.deep.equal({ user: 'ann', admin: true, reader: false, authType: null });
    expect((await client.get('/services/js/basic-usage.js')).text).to.equal('[Attribute]: value1\n');
    expect([...client.cookies.keys()].sort()).to.deep.equal(['JSESSIONID', 'koa.sess', 'koa.sess.sig']);
  });

  it('under a mount path: the context path is the mount path; other URLs go on to the app', async () => {
    const mounted = await fetch(`${url}/scripts/services/js/paths.js/items?x=1`);
    expect(await mounted.json()).to.deep.include({
      requestURI: '/scripts/services/js/paths.js/items',
      contextPath: '/scripts',
      pathInfo: '/services/js/paths.js/items',
      resourcePath: 'items',
      queryString: 'x=1',
    });
    for (const path of ['/app/nothing', '/scripts/app/nothing']) {
      const other = await fetch(`${url}${path}`);
      expect([other.status, await other.text()], path).to.deep.equal([404, 'the app answers']);
    }
  });

  it("the app's headers wrap the script's; HEAD keeps GET's length; 204 has no framing; a failing script answers the documented error", async () => {
    const get = await fetch(`${url}/services/js/headers.js?kb=4`);
    expect(get.headers.get('x-app')).to.equal('koa');
    expect(get.headers.get('x-frame-options')).to.equal('DENY');
    const body = await get.text();
    const head = await fetch(`${url}/services/js/headers.js?kb=4`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).to.equal(String(Buffer.byteLength(body)));
    const empty = await fetch(`${url}/services/js/headers.js?status=204`);
    expect([empty.status, empty.headers.get('content-length')]).to.deep.equal([204, null]);
    const failed = await fetch(`${url}/services/js/throws.js`);
    expect(failed.status).to.equal(500);
    expect(failed.headers.get('x-app')).to.equal('koa');
    expect(await failed.json()).to.deep.include({ status: 500, message: 'broken <b>here</b> & "there"' });
  });
});

describe('a Koa app shutting the runtime down', () => {
  it("close(): script requests answer 503 ERR_SHUTTING_DOWN; the app's routes go on", async () => {
    const koaScripts = await loadKoaScripts();
    const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const app = new Koa();
    app.use(koaScripts(runtime));
    app.use((ctx) => {
      ctx.body = 'pong';
    });
    const server = await listenOnLoopback(app.callback());
    const base = server.url;
    try {
      expect((await fetch(`${base}/services/js/basic-usage.js`)).status).to.equal(200);
      await runtime.close();
      const refused = await fetch(`${base}/services/js/basic-usage.js`);
      expect(refused.status).to.equal(503);
      expect(((await refused.json()) as { code: string }).code).to.equal('ERR_SHUTTING_DOWN');
      expect(await (await fetch(`${base}/app/ping`)).text()).to.equal('pong');
    } finally {
      await server.close();
    }
  });
});

describe('a Koa app behind a proxy it trusts (app.proxy)', () => {
  for (const proxy of [true, false])
    it(`${proxy ? 'trusted' : 'not trusted'}: scripts see ${proxy ? 'https and the forwarded client' : 'http and the socket peer'}`, async () => {
      const koaScripts = await loadKoaScripts();
      const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
      const app = new Koa({ proxy });
      app.use(koaScripts(runtime));
      const server = await listenOnLoopback(app.callback());
      try {
        const response = await fetch(`${server.url}/services/js/client.js`, {
          headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' },
        });
        expect(await response.json()).to.deep.include(
          proxy
            ? { scheme: 'https', secure: true, remoteAddress: '203.0.113.7' }
            : { scheme: 'http', secure: false, remoteAddress: '127.0.0.1' },
        );
        expect(/; Secure/.test(response.headers.get('set-cookie') ?? '')).to.equal(proxy);
      } finally {
        await server.close();
        await runtime.close();
      }
    });
});
