/**
 * Middleware in front of the runtime that read the request body and left nothing on the Node request
 * to rebuild it from (neither `req.body` nor a Buffer `req.rawBody`): Koa's koa-bodyparser under a
 * handler mounted without docs/embedding.md's `koaScripts`, a Fastify route's parsers, an Express
 * middleware that keeps the body under a name of its own. The script would have run on an empty
 * body; the request answers 500 `ERR_BODY_CONSUMED`, naming the cause (docs/embedding.md,
 * "Request bodies").
 */
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { embeddingScriptsDir } from '../../support/express-app.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';

const JSON_BODY = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };

describe('a body middleware in front read and kept elsewhere', () => {
  let runtime: Runtime;
  const servers: http.Server[] = [];

  before(() => {
    runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
  });

  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await runtime.close();
  });

  async function listen(listener: RequestListener): Promise<string> {
    const server = http.createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function expectConsumed(url: string): Promise<void> {
    const response = await fetch(`${url}/services/js/echo-body.js`, JSON_BODY);
    expect(response.status).to.equal(500);
    const { code, message } = (await response.json()) as { code: string; message: string };
    expect(code).to.equal('ERR_BODY_CONSUMED');
    expect(message).to.match(/^the request body was already read by middleware in front of the runtime/);
  }

  it('Express: a middleware that keeps the body as req.payload', async () => {
    const app = express();
    app.use((req, _res, next) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as IncomingMessage & { payload?: Buffer }).payload = Buffer.concat(chunks);
        next();
      });
    });
    app.use(runtime.handler);
    await expectConsumed(await listen(app));
  });

  it('Koa: koa-bodyparser in front of the handler without koaScripts (the parse stays on ctx.request)', async () => {
    const app = new Koa();
    app.use(bodyParser());
    app.use((ctx) => {
      ctx.respond = false;
      runtime.handler(ctx.req, ctx.res);
    });
    await expectConsumed(await listen(app.callback()));
  });

  it('Fastify: a route with reply.hijack() (its JSON parser read the body)', async () => {
    const fastify = Fastify();
    fastify.post('/services/js/*', (request, reply) => {
      reply.hijack();
      runtime.handler(request.raw, reply.raw as ServerResponse);
    });
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    try {
      await expectConsumed(`http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`);
    } finally {
      fastify.server.closeAllConnections();
      await fastify.close();
    }
  });
});
