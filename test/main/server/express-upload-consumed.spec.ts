/**
 * multer in front of the runtime: it reads a multipart/form-data body to its end and keeps only
 * its own parse (`req.body` fields, `req.files`), from which the parts cannot be told as sent. The
 * runtime answers such a request 500 `ERR_UPLOAD_CONSUMED` naming the cause, at once, not 400
 * "malformed" (the client sent nothing wrong) and not a wait for a body that will never come.
 * multer mounted on the app's own routes leaves the scripts' uploads alone.
 */
import { expect } from 'chai';
import express from 'express';
import multer from 'multer';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir, type LoopbackServer, listenOnLoopback } from '../../support/express-app.js';

function form(): FormData {
  const body = new FormData();
  body.append('title', 'hello');
  body.append('file', new Blob(['file body']), 'a.txt');
  return body;
}

describe('multer in front of the runtime', () => {
  let runtime: Runtime;
  let server: LoopbackServer;
  let url: string;

  before(async () => {
    runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const app = express();
    app.post('/app/upload', multer().single('file'), (req, res) => {
      res.json({ title: req.body.title, file: req.file?.buffer.toString() });
    });
    app.post('/services/js/echo-body.js', multer().any());
    app.use(runtime.handler);
    server = await listenOnLoopback(app);
    url = server.url;
  });

  after(async () => {
    await server.close();
    await runtime.close();
  });

  it('a multipart body multer already read answers 500 ERR_UPLOAD_CONSUMED, naming the cause', async () => {
    const response = await fetch(`${url}/services/js/echo-body.js`, { method: 'POST', body: form() });
    expect(response.status).to.equal(500);
    const { code, message } = (await response.json()) as { code: string; message: string };
    expect(code).to.equal('ERR_UPLOAD_CONSUMED');
    expect(message).to.equal(
      'the multipart/form-data body was already read by middleware in front of the runtime (multer …): mount that middleware on the routes that need it, not before the scripts',
    );
  });

  it("multer on the app's own route, and the scripts' uploads next to it, both work", async () => {
    const app = await fetch(`${url}/app/upload`, { method: 'POST', body: form() });
    expect(await app.json()).to.deep.equal({ title: 'hello', file: 'file body' });
    const script = await fetch(`${url}/services/js/upload.js`, { method: 'POST', body: form() });
    expect(script.status).to.equal(200);
    expect(await script.json()).to.deep.equal([
      { field: 'title', file: null, text: 'hello' },
      { field: 'file', file: 'a.txt', text: 'file body' },
    ]);
  });
});
