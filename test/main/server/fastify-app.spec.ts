/**
 * The runtime in a Fastify app, mounted as docs/embedding.md says ("Express 4, Fastify and Koa"):
 * `fastify.use(runtime.handler)` through `@fastify/express` and through `@fastify/middie`, next to
 * `@fastify/formbody`, `@fastify/multipart` and `@fastify/cookie` on the app's routes. The checks of
 * the Express specs, over real HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import fastifyExpress from '@fastify/express';
import fastifyFormbody from '@fastify/formbody';
import fastifyMiddie from '@fastify/middie';
import fastifyMultipart from '@fastify/multipart';
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { embeddingScriptsDir } from '../../support/express-app.js';
import { type EchoedBody, postToEchoBody, uploadForm } from '../../support/echo-body.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** What both plugins add to the instance. */
interface WithUse {
  use(handler: Middleware): unknown;
  use(path: string, handler: Middleware): unknown;
}

for (const [name, plugin, copiesReplyHeaders] of [
  ['@fastify/express', fastifyExpress, true],
  ['@fastify/middie', fastifyMiddie, false],
] as const) {
  describe(`the runtime in a Fastify app, through ${name}`, () => {
    let runtime: Runtime;
    let fastify: FastifyInstance;
    let url: string;

    before(async () => {
      runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
      fastify = Fastify();
      await fastify.register(fastifyCookie);
      await fastify.register(fastifyFormbody);
      await fastify.register(fastifyMultipart);
      fastify.addHook('onRequest', async (_request, reply) => {
        reply.header('x-app', 'fastify');
      });
      fastify.post('/app/form', async (request) => request.body);
      fastify.post('/app/upload', async (request) => {
        const file = await request.file();
        return { file: file === undefined ? null : (await file.toBuffer()).toString() };
      });
      fastify.get('/app/cookie', async (request, reply) => {
        reply.setCookie('app', 'yes', { path: '/' });
        return { cookies: request.cookies };
      });
      await fastify.register(plugin);
      const app = fastify as unknown as WithUse;
      // The app's login: a user middleware in front of the runtime puts on the Node request.
      app.use((request, _response, next) => {
        const user = /(?:^|;\s*)user=(\w+)/.exec(request.headers.cookie ?? '')?.[1];
        if (user !== undefined)
          (request as IncomingMessage & { user?: unknown }).user = { username: user, roles: ['admin'] };
        next();
      });
      app.use('/scripts', runtime.handler);
      app.use(runtime.handler);
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`;
    });

    after(async () => {
      await runtime.close();
      await fastify.close();
    });

    function echo(type: string, body: string): Promise<EchoedBody> {
      return postToEchoBody(url, type, body);
    }

    it('script bodies of any type reach the script as sent; uploads too; the plugins keep serving the routes', async () => {
      expect(await echo('application/json', '{"a": 1}')).to.deep.include({ text: '{"a": 1}', json: { a: 1 } });
      expect((await echo('application/x-www-form-urlencoded', 'a=1&b=x%20y')).parameters).to.deep.equal({
        a: ['1'],
        b: ['x y'],
      });
      expect((await echo('application/xml', '<a/>')).text).to.equal('<a/>');
      const upload = await fetch(`${url}/services/js/upload.js`, { method: 'POST', body: uploadForm() });
      expect(await upload.json()).to.deep.equal([
        { field: 'title', file: null, text: 'hello' },
        { field: 'file', file: 'a.txt', text: 'file body' },
      ]);
      const form = await fetch(`${url}/app/form`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
      expect(await form.json()).to.deep.equal({ a: '1' });
      expect(await (await fetch(`${url}/app/upload`, { method: 'POST', body: uploadForm() })).json()).to.deep.equal({
        file: 'file body',
      });
      const cookie = await fetch(`${url}/app/cookie`, { headers: { cookie: 'a=b' } });
      expect(await cookie.json()).to.deep.equal({ cookies: { a: 'b' } });
    });

    it('scripts see the user middleware in front put on req.user', async () => {
      const who = await fetch(`${url}/services/js/who.js`, { headers: { cookie: 'user=ann' } });
      expect(await who.json()).to.deep.equal({ user: 'ann', admin: true, reader: false, authType: null });
    });

    it("under use('/scripts'): the context path is the mount path; other URLs go on to Fastify's 404", async () => {
      const mounted = await fetch(`${url}/scripts/services/js/paths.js/items?x=1`);
      expect(await mounted.json()).to.deep.include({
        requestURI: '/scripts/services/js/paths.js/items',
        contextPath: '/scripts',
        resourcePath: 'items',
      });
      const other = await fetch(`${url}/app/nothing`);
      expect(other.status).to.equal(404);
      expect(((await other.json()) as { message: string }).message).to.equal('Route GET:/app/nothing not found');
    });

    it(`HEAD keeps GET's length; 204 has no framing; a failing script answers the documented error; reply.header()s ${copiesReplyHeaders ? 'are' : 'are not'} copied`, async () => {
      const get = await fetch(`${url}/services/js/headers.js?kb=4`);
      expect(get.headers.get('x-app')).to.equal(copiesReplyHeaders ? 'fastify' : null);
      const body = await get.text();
      const head = await fetch(`${url}/services/js/headers.js?kb=4`, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-length')]).to.deep.equal([200, String(Buffer.byteLength(body))]);
      const empty = await fetch(`${url}/services/js/headers.js?status=204`);
      expect([empty.status, empty.headers.get('content-length')]).to.deep.equal([204, null]);
      const failed = await fetch(`${url}/services/js/throws.js`);
      expect(failed.status).to.equal(500);
      expect(await failed.json()).to.deep.include({ status: 500, message: 'broken <b>here</b> & "there"' });
    });

    it("close(): script requests answer 503 ERR_SHUTTING_DOWN; Fastify's routes go on", async () => {
      await runtime.close();
      const refused = await fetch(`${url}/services/js/basic-usage.js`);
      expect(refused.status).to.equal(503);
      expect(((await refused.json()) as { code: string }).code).to.equal('ERR_SHUTTING_DOWN');
      expect((await fetch(`${url}/app/cookie`)).status).to.equal(200);
    });
  });
}

describe('the runtime in a Fastify app behind a proxy the app trusts', () => {
  const PROXIED = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };

  for (const [name, start] of [
    [
      "@fastify/express, the Express app's 'trust proxy' set",
      async (fastify: FastifyInstance) => {
        await fastify.register(fastifyExpress);
        fastify.express.set('trust proxy', 'loopback');
      },
    ],
    [
      "@fastify/middie, Fastify's trustProxy",
      async (fastify: FastifyInstance) => {
        await fastify.register(fastifyMiddie);
      },
    ],
  ] as const)
    it(`${name}: scripts see https and the forwarded client; JSESSIONID is Secure`, async () => {
      const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
      const fastify = Fastify({ trustProxy: '127.0.0.1' });
      try {
        await start(fastify);
        (fastify as unknown as WithUse).use(runtime.handler);
        await fastify.listen({ port: 0, host: '127.0.0.1' });
        const port = (fastify.server.address() as AddressInfo).port;
        const response = await fetch(`http://127.0.0.1:${port}/services/js/client.js`, { headers: PROXIED });
        expect(await response.json()).to.deep.include({ scheme: 'https', secure: true, remoteAddress: '203.0.113.7' });
        expect(response.headers.get('set-cookie')).to.match(/^JSESSIONID=.*; Secure/);
      } finally {
        await runtime.close();
        await fastify.close();
      }
    });
});
