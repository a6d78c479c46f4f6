/**
 * Body parsers that keep the bytes they read (`verify: (req, res, buf) => { req.rawBody = buf }`):
 * scripts then get the body exactly as the client sent it, where a body rebuilt from the parsed
 * value loses what the parser dropped (docs/embedding.md, "Request bodies").
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir } from '../../support/express-app.js';

const FORM = 'tags[]=a&tags[]=b&name=x%20y';
const JSON_TEXT = '{"price": 1.50, "id": 12345678901234567890}';

describe('Express body parsers, with and without the bytes they read', () => {
  const runtimes: Runtime[] = [];
  const servers: Server[] = [];

  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await Promise.all(runtimes.map((runtime) => runtime.close()));
  });

  /** An app with express.json() and express.urlencoded({ extended: true }), keeping rawBody or not. */
  async function start(keepRawBody: boolean): Promise<string> {
    const runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    runtimes.push(runtime);
    const verify = (req: IncomingMessage, _res: unknown, buf: Buffer): void => {
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf;
    };
    const app = express();
    app.use(express.json(keepRawBody ? { verify } : {}));
    app.use(express.urlencoded({ extended: true, ...(keepRawBody ? { verify } : {}) }));
    app.use(runtime.handler);
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/js/echo-body.js`;
  }

  async function post(url: string, type: string, body: string): Promise<{ text: string; parameters: object }> {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });
    expect(response.status).to.equal(200);
    return (await response.json()) as { text: string; parameters: object };
  }

  it('rebuilt from the parsed value: an extended form loses the [] of array names, JSON its number spelling', async () => {
    const url = await start(false);
    const form = await post(url, 'application/x-www-form-urlencoded', FORM);
    expect(form.parameters).to.deep.equal({ tags: ['a', 'b'], name: ['x y'] });
    const json = await post(url, 'application/json', JSON_TEXT);
    expect(json.text).to.equal('{"price":1.5,"id":12345678901234567000}');
  });

  it('an empty JSON body (Content-Length: 0) stays empty, not the {} express.json() parses it into', async () => {
    const url = await start(false);
    const empty = await post(url, 'application/json', '');
    expect(empty).to.deep.include({ text: '', json: null });
  });

  it('with verify keeping req.rawBody: the body and the parameters are exactly what the client sent', async () => {
    const url = await start(true);
    const form = await post(url, 'application/x-www-form-urlencoded', FORM);
    expect(form.text).to.equal(FORM);
    expect(form.parameters).to.deep.equal({ 'tags[]': ['a', 'b'], name: ['x y'] });
    const json = await post(url, 'application/json', JSON_TEXT);
    expect(json.text).to.equal(JSON_TEXT);
  });
});
