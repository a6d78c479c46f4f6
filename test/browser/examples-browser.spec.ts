/**
 * The examples in a real browser: headless Chromium (Debian package `chromium`) driven by
 * playwright-core. Log in with the form, see the user, reload, log out, get a new session; a page
 * on another site (localhost against 127.0.0.1) fails to log the user in or out; the session
 * cookie's attributes as the browser stores them; after a logout, Back shows no logged-in page from
 * the browser's cache; the server stops at once while the browser is still open (the connections it
 * opened ahead of need hold nothing up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from '../support/chromium.js';
import { examplesDir } from '../support/paths.js';

/** A page on another site that posts a form to the app as soon as it loads. */
function attackPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('');
  return `<!DOCTYPE html><html><body><form id="f" method="post" action="${action}">${inputs}</form>
<script>document.getElementById('f').submit()</script></body></html>`;
}

describe('the examples in headless Chromium', function () {
  this.timeout(120_000);
  let runtime: Runtime;
  let app: string;
  let attacker: http.Server;
  let evil: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    requireChromium();
    runtime = createRuntime({ root: examplesDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const { port } = await runtime.listen(0, '127.0.0.1');
    app = `http://127.0.0.1:${port}/services/js`;
    attacker = http.createServer((request, response) => {
      const page =
        request.url === '/login'
          ? attackPage(`${app}/login.js`, { user: 'mallory' })
          : attackPage(`${app}/logout.js`, {});
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(page);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    // Another site: same machine, but `localhost` is not `127.0.0.1` to the browser.
    evil = `http://localhost:${(attacker.address() as AddressInfo).port}`;
    userDataDir = mkdtempSync(path.join(tmpdir(), 'dirigible-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close();
    if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
    attacker?.close();
    await runtime?.close();
  });

  async function sessionCookie() {
    return (await context.cookies(app)).find((cookie) => cookie.name === 'JSESSIONID');
  }

  async function bodyText(): Promise<string> {
    return (await page.textContent('body')) ?? '';
  }

  it('logs in with the form, shows the user, keeps it on reload', async () => {
    await page.goto(`${app}/session-info.js`);
    const before = await sessionCookie();
    await page.goto(`${app}/login.js`);
    await page.fill('input[name=user]', 'alice');
    await Promise.all([page.waitForURL(/whoami\.js$/), page.click('button[type=submit]')]);
    expect(await bodyText()).to.match(/^Logged in as alice since /);
    const after = await sessionCookie();
    expect(after?.value).to.be.a('string').and.not.equal(before?.value);
    await page.reload();
    expect(await bodyText()).to.match(/^Logged in as alice since /);
  });

  it('stores the session cookie HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP, for the session only', async () => {
    const cookie = await sessionCookie();
    expect(cookie).to.include({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false, domain: '127.0.0.1' });
    expect(cookie?.expires).to.equal(-1);
    expect(cookie?.value).to.match(/^[\w-]{32}$/);
  });

  it('a page on another site cannot log the user in as someone else (403)', async () => {
    await page.goto(`${evil}/login`);
    await page.waitForURL(/login\.js$/);
    expect(await bodyText()).to.include('403');
    expect(await bodyText()).to.include('ERR_CROSS_SITE');
    await page.goto(`${app}/whoami.js`);
    expect(await bodyText()).to.match(/^Logged in as alice since /);
  });

  it('a page on another site cannot log the user out (403), nor can a link (GET shows a form)', async () => {
    await page.goto(`${evil}/logout`);
    await page.waitForURL(/logout\.js$/);
    expect(await bodyText()).to.include('ERR_CROSS_SITE');
    await page.goto(`${app}/logout.js`);
    await page.goto(`${app}/whoami.js`);
    expect(await bodyText()).to.match(/^Logged in as alice since /);
  });

  it('logs out with the form and gets a new session afterwards', async () => {
    const loggedIn = await sessionCookie();
    await page.goto(`${app}/logout.js`);
    await Promise.all([page.waitForURL(/login\.js$/), page.click('button[type=submit]')]);
    expect(await sessionCookie()).to.equal(undefined);
    await page.goto(`${app}/whoami.js`);
    expect(await bodyText()).to.equal('Not logged in\n');
    await page.goto(`${app}/session-info.js`);
    expect(await bodyText()).to.include('New: true');
    const fresh = await sessionCookie();
    expect(fresh?.value).to.be.a('string').and.not.equal(loggedIn?.value);
  });

  it("after a logout, Back asks again instead of showing the logged-in page from the browser's cache", async () => {
    await page.goto(`${app}/login.js`);
    await page.fill('input[name=user]', 'alice');
    await Promise.all([page.waitForURL(/whoami\.js$/), page.click('button[type=submit]')]);
    expect(await bodyText()).to.match(/^Logged in as alice since /);
    await page.goto(`${app}/logout.js`);
    await Promise.all([page.waitForURL(/login\.js$/), page.click('button[type=submit]')]);
    await page.goBack();
    const response = await page.goBack();
    expect(page.url()).to.equal(`${app}/whoami.js`);
    expect(response?.headers()['cache-control']).to.equal('no-cache, no-store, max-age=0, must-revalidate');
    expect(await bodyText()).to.equal('Not logged in\n');
  });

  it('stops at once while the browser is still open: the connections it opened ahead of need hold nothing up', async () => {
    await page.goto(`${app}/login.js`);
    await page.fill('input[name=user]', 'alice');
    await Promise.all([page.waitForURL(/whoami\.js$/), page.click('button[type=submit]')]);
    await page.goto(`${app}/visit-counter.js`);
    const outcome = await runtime.close().then(
      () => 'closed',
      (error: { code?: string }) => error.code,
    );
    expect(outcome).to.equal('closed');
  });
});
