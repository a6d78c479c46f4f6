/**
 * The runtime in an Express 5 app with the middleware real apps put in front of it, as
 * docs/embedding.md mounts it (way 2, the app's own express-session): compression, helmet, morgan,
 * cors, cookie-parser, and a Passport-style user. Checked over real HTTP, on the raw header lines:
 * bodies intact (gunzipped), headers neither lost nor doubled, framing consistent, cookies kept.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import morgan from 'morgan';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir } from '../../support/express-app.js';

interface RawResponse {
  status: number;
  /** Every header line, lower-case name to its values in order. */
  headers: Map<string, string[]>;
  /** The body, gunzipped when it came gzipped. */
  body: string;
}

/** The cookie `name=value` pairs a response sets. */
function cookiePairs(response: RawResponse): string[] {
  return (response.headers.get('set-cookie') ?? []).map((line) => line.split(';')[0] ?? '');
}

describe('the runtime behind real Express middleware', () => {
  const logged: string[] = [];
  let runtime: Runtime;
  let server: http.Server;

  function request(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body = '',
  ): Promise<RawResponse> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const sent = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const lines = new Map<string, string[]>();
          for (let i = 0; i < response.rawHeaders.length; i += 2) {
            const name = String(response.rawHeaders[i]).toLowerCase();
            lines.set(name, [...(lines.get(name) ?? []), String(response.rawHeaders[i + 1])]);
          }
          const bytes = Buffer.concat(chunks);
          const gzipped = response.headers['content-encoding'] === 'gzip';
          resolve({
            status: response.statusCode ?? 0,
            headers: lines,
            body: (gzipped ? gunzipSync(bytes) : bytes).toString(),
          });
        });
      });
      sent.on('error', reject);
      sent.end(body);
    });
  }

  before(async () => {
    runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const app = express();
    app.use(compression());
    app.use(helmet());
    app.use(
      morgan(':method :url :status :res[content-length]', { stream: { write: (line) => logged.push(line.trim()) } }),
    );
    app.use(cors({ origin: 'https://app.example', credentials: true }));
    app.use(cookieParser('cookie secret'));
    app.use(express.urlencoded());
    app.use(session({ name: 'app.sid', secret: 'change me', resave: false, saveUninitialized: false }));
    app.use((req, _res, next) => {
      const user = req.session['user'];
      if (typeof user === 'string') (req as unknown as { user: unknown }).user = { username: user, roles: ['admin'] };
      next();
    });
    app.post('/app/login', (req, res) => {
      req.session.regenerate(() => {
        req.session['user'] = String(req.body.user);
        res.redirect(303, '/services/js/who.js');
      });
    });
    app.use(runtime.handler);
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  });

  beforeEach(() => {
    logged.length = 0;
  });

  it('serves Basic Usage with the headers of every middleware and of the runtime', async () => {
    const response = await request('GET', '/services/js/basic-usage.js', { 'accept-encoding': 'gzip' });
    expect(response.status).to.equal(200);
    expect(response.body).to.equal('[Attribute]: value1\n');
    expect(response.headers.get('content-length')).to.deep.equal(['20']); // below compression's 1 KB threshold
    expect(response.headers.get('x-content-type-options')).to.deep.equal(['nosniff']);
    expect(response.headers.get('access-control-allow-origin')).to.deep.equal(['https://app.example']);
    expect(response.headers.get('x-request-id')).to.have.length(1);
    expect(cookiePairs(response)[0]).to.match(/^JSESSIONID=/);
    expect(logged).to.deep.equal(['GET /services/js/basic-usage.js 200 20']);
  });

  it('gzips a 20 KB body: no Content-Length, chunked, intact; the session cookie works across requests', async () => {
    const first = await request('GET', '/services/js/headers.js', { 'accept-encoding': 'gzip' });
    expect(first.status).to.equal(200);
    expect(first.headers.get('content-encoding')).to.deep.equal(['gzip']);
    expect(first.headers.has('content-length')).to.equal(false);
    expect(first.headers.get('transfer-encoding')).to.deep.equal(['chunked']);
    expect(first.body.length).to.be.greaterThan(20_000);
    expect(first.body.split('\n').every((line) => line === '' || line.startsWith('hits 1 '))).to.equal(true);
    const jsessionid = cookiePairs(first).find((pair) => pair.startsWith('JSESSIONID='));
    const second = await request('GET', '/services/js/headers.js', { cookie: `${jsessionid}` });
    expect(second.headers.has('content-encoding')).to.equal(false);
    expect(second.headers.get('content-length')).to.deep.equal([String(Buffer.byteLength(second.body))]);
    expect(second.body).to.equal(first.body.replaceAll('hits 1 ', 'hits 2 '));
    expect(logged).to.deep.equal([
      'GET /services/js/headers.js 200 -',
      `GET /services/js/headers.js 200 ${second.body.length}`,
    ]);
  });

  it("the script's headers replace the middleware's of the same name; its repeated headers, Vary and every cookie add up", async () => {
    const response = await request('GET', '/services/js/headers.js', {
      'accept-encoding': 'gzip',
      origin: 'https://app.example',
    });
    expect(response.headers.get('x-frame-options')).to.deep.equal(['DENY']); // helmet's SAMEORIGIN replaced
    expect(response.headers.get('access-control-allow-origin')).to.deep.equal(['https://script.example']);
    expect(response.headers.get('access-control-allow-credentials')).to.deep.equal(['true']);
    expect(response.headers.get('content-type')).to.deep.equal(['text/html; charset=utf-8']);
    expect(response.headers.get('x-script')).to.deep.equal(['one', 'two']);
    expect(response.headers.get('vary')).to.deep.equal(['Origin, Cookie, Accept-Encoding']);
    expect(response.headers.get('content-security-policy')).to.have.length(1);
    expect(cookiePairs(response).map((pair) => pair.split('=')[0])).to.deep.equal(['theme', 'JSESSIONID']);
  });

  it('HEAD keeps the length of GET; 204 and 304 have neither body nor framing headers', async () => {
    const head = await request('HEAD', '/services/js/headers.js?kb=4', { 'accept-encoding': 'gzip' });
    const get = await request('GET', '/services/js/headers.js?kb=4');
    expect(head.status).to.equal(200);
    expect(head.body).to.equal('');
    expect(head.headers.get('content-length')).to.deep.equal([String(get.body.length)]);
    for (const status of [204, 304]) {
      const response = await request('GET', `/services/js/headers.js?status=${status}`, { 'accept-encoding': 'gzip' });
      expect(response.status).to.equal(status);
      expect(response.body).to.equal('');
      expect(response.headers.has('content-length')).to.equal(false);
      expect(response.headers.has('transfer-encoding')).to.equal(false);
      expect(response.headers.has('content-encoding')).to.equal(false);
    }
    expect(logged.slice(2)).to.deep.equal([
      'GET /services/js/headers.js?status=204 204 -',
      'GET /services/js/headers.js?status=304 304 -',
    ]);
  });

  it("scripts see the user of the app's login, kept in its express-session (cookie-parser in front)", async () => {
    const login = await request(
      'POST',
      '/app/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'user=ann',
    );
    expect(login.status).to.equal(303);
    const appSid = cookiePairs(login).find((pair) => pair.startsWith('app.sid='));
    const who = await request('GET', '/services/js/who.js', { cookie: `${appSid}`, 'accept-encoding': 'gzip' });
    expect(JSON.parse(who.body)).to.deep.equal({ user: 'ann', admin: true, reader: false, authType: null });
  });

  it('a failing script answers the documented 500 JSON error, next to the middleware headers', async () => {
    const response = await request('GET', '/services/js/throws.js', { 'accept-encoding': 'gzip' });
    expect(response.status).to.equal(500);
    expect(response.headers.get('content-type')).to.deep.equal(['application/json; charset=utf-8']);
    expect(response.headers.get('content-length')).to.deep.equal([String(response.body.length)]);
    expect(response.headers.get('x-frame-options')).to.deep.equal(['SAMEORIGIN']);
    expect(JSON.parse(response.body)).to.deep.equal({
      status: 500,
      error: 'Error',
      code: '',
      message: 'broken <b>here</b> & "there"',
    });
    expect(logged).to.deep.equal([`GET /services/js/throws.js 500 ${response.body.length}`]);
  });
});
