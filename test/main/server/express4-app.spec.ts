/**
 * The runtime in an Express 4 app, as most production apps still run it, mounted as
 * docs/embedding.md says (`app.use(runtime.handler)` after the app's middleware): compression,
 * helmet, morgan, cors, cookie-parser, express.static, body-parser 1 (Express 4's express.json,
 * urlencoded, text, raw), express-session with its store, Passport's login, multer on the app's
 * route. The checks of the Express 5 specs (express-*.spec.ts), over real HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect } from 'chai';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express from 'express4';
import session from 'express-session';
import helmet from 'helmet';
import morgan from 'morgan';
import multer from 'multer';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { type EchoedBody, postToEchoBody, uploadForm } from '../../support/echo-body.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir, listenOnLoopback, type LoopbackServer } from '../../support/express-app.js';

interface AppUser {
  username: string;
  roles: string[];
}

/**
 * The Express 4 app, typed loosely: the middleware packages are typed against Express 5's
 * `@types/express`, whose request type Express 4's does not match (it runs them all the same).
 */
interface Express4App {
  use(...handlers: unknown[]): unknown;
  get(path: string, ...handlers: unknown[]): unknown;
  post(path: string, ...handlers: unknown[]): unknown;
  /** The app is the server's request listener, as Express 4's `app.listen` makes it. */
  (request: IncomingMessage, response: ServerResponse): void;
}

function express4App(): Express4App {
  return express() as unknown as Express4App;
}

/** Passport's local login (password `secret`), its user kept whole in the session. */
function configurePassport(): void {
  passport.use(
    new LocalStrategy((username, password, done) => {
      done(null, password === 'secret' ? { username, roles: ['admin'] } : false);
    }),
  );
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: AppUser, done) => done(null, user));
}

describe('the runtime in an Express 4 app with its usual middleware', () => {
  const logged: string[] = [];
  let runtime: Runtime;
  let server: LoopbackServer;
  let url: string;

  before(async () => {
    runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    configurePassport();
    const app = express4App();
    app.use(compression());
    app.use(helmet());
    app.use(
      morgan(':method :url :status :res[content-length]', { stream: { write: (line) => logged.push(line.trim()) } }),
    );
    app.use(cors({ origin: 'https://app.example', credentials: true }));
    app.use(cookieParser('cookie secret'));
    app.use(express.static(embeddingScriptsDir, { index: false }));
    app.use(express.json());
    app.use(express.urlencoded({ extended: false }));
    app.use(express.text());
    app.use(express.raw());
    app.use(
      session({
        secret: 'change me',
        resave: false,
        saveUninitialized: false,
        store: new session.MemoryStore(),
      }),
    );
    app.use(passport.initialize());
    app.use(passport.session());
    app.post('/app/login', passport.authenticate('local'), (req: express.Request, res: express.Response) => {
      res.json({ user: (req.user as AppUser).username });
    });
    app.post('/app/upload', multer().single('file'), (req: express.Request, res: express.Response) => {
      res.json({ title: req.body.title, file: req.file?.buffer.toString() });
    });
    app.post('/services/js/upload.js/consumed', multer().any());
    app.use('/api', runtime.handler);
    app.use(runtime.handler);
    app.use((_req: express.Request, res: express.Response) => {
      res.status(404).send('the app answers');
    });
    server = await listenOnLoopback(app);
    url = server.url;
  });

  after(async () => {
    await server.close();
    await runtime.close();
  });

  beforeEach(() => {
    logged.length = 0;
  });

  function echo(type: string | undefined, body: string | Uint8Array): Promise<EchoedBody> {
    return postToEchoBody(url, type, body);
  }

  it('bodies body-parser 1 read (JSON, form, text, raw) reach the script as sent; an unparsed type is read by the runtime', async () => {
    expect(await echo('application/json', '{"a":[1,2]}')).to.deep.include({ text: '{"a":[1,2]}', json: { a: [1, 2] } });
    expect((await echo('application/x-www-form-urlencoded', 'a=1&b=x%20y')).parameters).to.deep.equal({
      a: ['1'],
      b: ['x y'],
    });
    expect((await echo('text/plain', 'hello')).text).to.equal('hello');
    expect((await echo('application/octet-stream', new Uint8Array([104, 105]))).text).to.equal('hi');
    expect((await echo('application/xml', '<a/>')).text).to.equal('<a/>');
  });

  it('an empty JSON body stays empty: not the {} body-parser makes of it', async () => {
    expect(await echo('application/json', '')).to.deep.equal({
      text: '',
      json: null,
      parameters: {},
      contentLength: 0,
    });
  });

  it("multer on the app's route and the scripts' own uploads both work; multer in front of a script answers ERR_UPLOAD_CONSUMED", async () => {
    const app = await fetch(`${url}/app/upload`, { method: 'POST', body: uploadForm() });
    expect(await app.json()).to.deep.equal({ title: 'hello', file: 'file body' });
    const script = await fetch(`${url}/services/js/upload.js`, { method: 'POST', body: uploadForm() });
    expect(await script.json()).to.deep.equal([
      { field: 'title', file: null, text: 'hello' },
      { field: 'file', file: 'a.txt', text: 'file body' },
    ]);
    const consumed = await fetch(`${url}/services/js/upload.js/consumed`, { method: 'POST', body: uploadForm() });
    expect(consumed.status).to.equal(500);
    expect(((await consumed.json()) as { code: string }).code).to.equal('ERR_UPLOAD_CONSUMED');
  });

  it("scripts see the user Passport's login put on req.user, kept in express-session's store", async () => {
    const client = new CookieJarClient(url);
    const anonymous = await client.get('/services/js/who.js');
    expect(JSON.parse(anonymous.text)).to.deep.include({ user: null });
    const login = await client.request('/app/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'secret' }),
    });
    expect(login.status).to.equal(200);
    const who = await client.get('/services/js/who.js');
    expect(JSON.parse(who.text)).to.deep.equal({ user: 'ann', admin: true, reader: false, authType: null });
  });

  it("under app.use('/api'): the mount path is the context path", async () => {
    const response = await fetch(`${url}/api/services/js/paths.js/items?x=1`);
    expect(await response.json()).to.deep.include({
      requestURI: '/api/services/js/paths.js/items',
      contextPath: '/api',
      pathInfo: '/services/js/paths.js/items',
      resourcePath: 'items',
    });
  });

  it("other URLs go on to the app (next()); express.static's files are the app's", async () => {
    const other = await fetch(`${url}/app/nothing`);
    expect([other.status, await other.text()]).to.deep.equal([404, 'the app answers']);
    const file = await fetch(`${url}/users-empty.json`);
    expect(file.status).to.equal(200);
    expect(file.headers.get('x-request-id')).to.equal(null);
  });

  it("the middleware's headers wrap the script's; compression gzips; HEAD keeps GET's length; 204 has no framing", async () => {
    const gzipped = await fetch(`${url}/services/js/headers.js?kb=4`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).to.equal('gzip');
    expect(gzipped.headers.get('x-frame-options')).to.equal('DENY'); // helmet's SAMEORIGIN replaced
    expect(gzipped.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(gzipped.headers.get('vary')).to.equal('Origin, Cookie, Accept-Encoding');
    const text = await gzipped.text();
    expect(text.startsWith('hits 1 ')).to.equal(true);
    const head = await fetch(`${url}/services/js/headers.js?kb=4`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).to.equal(String(Buffer.byteLength(text)));
    const empty = await fetch(`${url}/services/js/headers.js?status=204`, { headers: { 'accept-encoding': 'gzip' } });
    expect(empty.status).to.equal(204);
    expect([empty.headers.get('content-length'), empty.headers.get('content-encoding')]).to.deep.equal([null, null]);
  });

  it('a failing script answers the documented 500 JSON error, logged by morgan', async () => {
    const response = await fetch(`${url}/services/js/throws.js`);
    expect(response.status).to.equal(500);
    const body = await response.text();
    expect(JSON.parse(body)).to.deep.include({ status: 500, message: 'broken <b>here</b> & "there"' });
    expect(response.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
    expect(logged).to.deep.equal([`GET /services/js/throws.js 500 ${body.length}`]);
  });
});

describe('an Express 4 app shutting the runtime down', () => {
  it("close(): script requests answer 503 ERR_SHUTTING_DOWN with Connection: close; the app's routes go on", async () => {
    const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const app = express4App();
    app.get('/app/ping', (_req: express.Request, res: express.Response) => {
      res.send('pong');
    });
    app.use(runtime.handler);
    const server = await listenOnLoopback(app);
    const base = server.url;
    try {
      expect((await fetch(`${base}/services/js/basic-usage.js`)).status).to.equal(200);
      await runtime.close();
      const refused = await fetch(`${base}/services/js/basic-usage.js`);
      expect(refused.status).to.equal(503);
      expect(refused.headers.get('connection')).to.equal('close');
      expect(((await refused.json()) as { code: string }).code).to.equal('ERR_SHUTTING_DOWN');
      expect(await (await fetch(`${base}/app/ping`)).text()).to.equal('pong');
    } finally {
      await server.close();
    }
  });
});

describe('an Express 4 app whose scripts run on its express-session (expressSession), behind a proxy it trusts', () => {
  let runtime: Runtime;
  let server: LoopbackServer;
  let url: string;

  before(async () => {
    runtime = createRuntime({
      root: embeddingScriptsDir,
      workers: 1,
      sweepInterval: 0,
      expressSession: true,
      log: () => undefined,
    });
    configurePassport();
    const app = express() as unknown as Express4App & { set(name: string, value: unknown): unknown };
    app.set('trust proxy', 'loopback');
    app.use(express.json());
    app.use(session({ secret: 'change me', resave: false, saveUninitialized: false, cookie: { secure: 'auto' } }));
    app.use(passport.initialize());
    app.use(passport.session());
    app.post('/app/login', passport.authenticate('local'), (req: express.Request, res: express.Response) => {
      (req.session as unknown as Record<string, unknown>)['theme'] = 'dark';
      res.json({ user: (req.user as AppUser).username });
    });
    app.get('/app/attribute', (req: express.Request, res: express.Response) => {
      res.json({ value: (req.session as unknown as Record<string, unknown>)[String(req.query['name'])] ?? null });
    });
    app.use(runtime.handler);
    server = await listenOnLoopback(app);
    url = server.url;
  });

  after(async () => {
    await server.close();
    await runtime.close();
  });

  it("Passport's login (a regenerated session) reaches the scripts: its user and the routes' attributes, both ways", async () => {
    const client = new CookieJarClient(url);
    const login = await client.request('/app/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'secret' }),
    });
    expect(login.status).to.equal(200);
    expect(JSON.parse((await client.get('/services/js/who.js')).text)).to.deep.include({ user: 'ann', admin: true });
    const ops = encodeURIComponent(JSON.stringify({ set: { visits: 1 } }));
    const report = JSON.parse((await client.get(`/services/js/session-ops.js?ops=${ops}`)).text) as {
      attributes: Record<string, unknown>;
    };
    expect(report.attributes).to.deep.include({ theme: 'dark', visits: 1 });
    expect(JSON.parse((await client.get('/app/attribute?name=visits')).text)).to.deep.equal({ value: 1 });
  });

  it("the app's trust proxy counts for the scripts: https and the forwarded client", async () => {
    const response = await fetch(`${url}/services/js/client.js`, {
      headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' },
    });
    expect(await response.json()).to.deep.include({ scheme: 'https', secure: true, remoteAddress: '203.0.113.7' });
    expect(response.headers.get('set-cookie')).to.match(/^connect\.sid=.*; Secure/);
  });
});
