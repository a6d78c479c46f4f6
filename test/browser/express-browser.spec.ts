/**
 * A Dirigible app the way an embedder serves it, in headless Chromium: an Express app with its
 * pages under `express.static` at `/services/v4/web/shop/`, whose relative links reach the scripts
 * at `/services/v4/js/`, the URLs of Dirigible 4 to 7 (docs/embedding.md, "A Dirigible app's pages").
 * A static page uploads the files of an `<input type=file multiple>` (names as Chromium sends them,
 * an empty file); a `FormData` upload over the limit gets a 413 the page can read; a front end on
 * another site posts JSON through `cors` in front, passing the cross-site check only when trusted,
 * and without the session cookie (SameSite=Lax), as docs/security.md says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import cors from 'cors';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import { launchChromium } from '../support/chromium.js';
import { type LoopbackServer, listenOnLoopback } from '../support/express-app.js';
import { fixturesDir } from '../support/paths.js';

const UPLOAD_MAX_SIZE = 64 * 1024;

/** A page of another site: `localhost` is not `127.0.0.1` to the browser. */
async function frontEnd(): Promise<{ origin: string; server: http.Server }> {
  const server = http.createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end('<!DOCTYPE html><title>front end</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

describe('a Dirigible app in Express, in headless Chromium', function () {
  this.timeout(120_000);
  let runtime: Runtime;
  let app: LoopbackServer;
  let trusted: { origin: string; server: http.Server };
  let untrusted: { origin: string; server: http.Server };
  let files: string;
  let browser: Browser;
  let page: Page;

  before(async () => {
    trusted = await frontEnd();
    untrusted = await frontEnd();
    runtime = createRuntime({
      root: `${fixturesDir}browser`,
      workers: 1,
      sweepInterval: 0,
      uploadMaxSize: UPLOAD_MAX_SIZE,
      trustedOrigins: [trusted.origin],
      log: () => undefined,
    });
    const express_ = express();
    express_.use(cors({ origin: [trusted.origin, untrusted.origin], credentials: true }));
    express_.use('/services/v4/web/shop', express.static(`${fixturesDir}browser/static`));
    express_.use(runtime.handler);
    app = await listenOnLoopback(express_);
    files = mkdtempSync(path.join(tmpdir(), 'dirigible-upload-'));
    writeFileSync(path.join(files, 'Grüße ✓.txt'), 'hello');
    writeFileSync(path.join(files, 'say "hi".txt'), 'hi');
    writeFileSync(path.join(files, 'back\\slash.txt'), 'b');
    writeFileSync(path.join(files, 'empty.txt'), '');
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });

  after(async () => {
    await browser?.close();
    if (files !== undefined) rmSync(files, { recursive: true, force: true });
    await app?.close();
    trusted?.server.close();
    untrusted?.server.close();
    await runtime?.close();
  });

  it('a static page posts the files of an <input type=file multiple> to /services/v4/js/, named as Chromium sends them', async () => {
    await page.goto(`${app.url}/services/v4/web/shop/upload.html`);
    await page.fill('input[name=title]', 'Grüße');
    await page.setInputFiles(
      'input[type=file]',
      ['Grüße ✓.txt', 'say "hi".txt', 'back\\slash.txt', 'empty.txt'].map((name) => path.join(files, name)),
    );
    await Promise.all([page.waitForURL(/uploaded\.js$/), page.click('button')]);
    expect(page.url()).to.equal(`${app.url}/services/v4/js/uploaded.js`);
    const parts = JSON.parse((await page.textContent('body')) ?? '');
    expect(parts[0]).to.deep.equal({ field: 'title', text: 'Grüße' });
    expect(parts.slice(1)).to.have.deep.members([
      { field: 'files', name: 'Grüße ✓.txt', type: 'text/plain', size: 5 },
      // Chromium writes a quote in a file name as %22; a backslash cuts the name (http-upload.md).
      { field: 'files', name: 'say %22hi%22.txt', type: 'text/plain', size: 2 },
      { field: 'files', name: 'slash.txt', type: 'text/plain', size: 1 },
      { field: 'files', name: 'empty.txt', type: 'text/plain', size: 0 },
    ]);
  });

  it('a FormData upload over uploadMaxSize gets the 413 as JSON, which the page reads', async () => {
    await page.goto(`${app.url}/services/v4/web/shop/upload.html`);
    const answer = await page.evaluate(async (size) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(size)]), 'big.bin');
      const response = await fetch('../../js/uploaded.js', { method: 'POST', body: form });
      return { status: response.status, body: await response.json() };
    }, UPLOAD_MAX_SIZE);
    expect(answer.status).to.equal(413);
    expect(answer.body).to.include({ status: 413, code: 'ERR_UPLOAD_TOO_LARGE' });
  });

  it('a front end on another site posts JSON past the preflight (cors in front) only when trusted, and without the session cookie', async () => {
    await page.goto(`${app.url}/services/js/redirect.js`);
    expect((await page.context().cookies(app.url)).map((cookie) => cookie.name)).to.include('JSESSIONID');
    const post = (url: string) =>
      page.evaluate(async (target) => {
        const response = await fetch(target, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ item: 'äpfel', count: 2 }),
        });
        return { status: response.status, body: await response.json() };
      }, url);
    await page.goto(trusted.origin);
    expect(await post(`${app.url}/services/v4/js/order.js`)).to.deep.equal({
      status: 200,
      body: { order: { item: 'äpfel', count: 2 }, sessionIsNew: true },
    });
    await page.goto(untrusted.origin);
    const refused = await post(`${app.url}/services/v4/js/order.js`);
    expect(refused.status).to.equal(403);
    expect(refused.body).to.include({ code: 'ERR_CROSS_SITE' });
  });
});
