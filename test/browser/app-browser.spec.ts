/**
 * A small app of Dirigible-style scripts (`test/fixtures/browser/`) as a browser user meets it, in
 * headless Chromium: non-ASCII text on a page whose script named its type without a charset, and
 * in the form that page posts; a redirect to a URL with non-ASCII text, with a session attribute
 * set in the same response; the error page of a script's `sendError` (JSON for `fetch()`); a
 * cookie with non-ASCII text set by the page's own script.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import { launchChromium } from '../support/chromium.js';
import { fixturesDir } from '../support/paths.js';

describe('an app of scripts in headless Chromium', function () {
  this.timeout(120_000);
  let runtime: Runtime;
  let app: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    runtime = createRuntime({ root: `${fixturesDir}browser`, workers: 1, sweepInterval: 0, log: () => undefined });
    const { port } = await runtime.listen(0, '127.0.0.1');
    app = `http://127.0.0.1:${port}/services/js`;
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await runtime?.close();
  });

  it('shows the text of a page typed text/html without a charset, and its form posts it back intact', async () => {
    const response = await page.goto(`${app}/legacy-page.js`);
    expect(response?.headers()['content-type']).to.equal('text/html; charset=utf-8');
    expect(await page.title()).to.equal('Grüße');
    expect(await page.textContent('#greeting')).to.equal('Grüße aus Köln ✓');
    await page.fill('input[name=name]', 'Zoë Ünal 😀');
    await Promise.all([page.waitForSelector('#sent'), page.click('button')]);
    expect(await page.textContent('#sent')).to.equal('Zoë Ünal 😀');
  });

  it('follows a sendRedirect to a URL with non-ASCII text, keeping the session cookie set by the redirect', async () => {
    await context.clearCookies();
    const response = await page.goto(`${app}/redirect.js`);
    expect(page.url()).to.equal(`${app}/landing.js?city=K%C3%B6ln%20%E2%9C%93`);
    expect(response?.status()).to.equal(200);
    expect(await page.textContent('body')).to.equal('city=Köln ✓\nnote=set before the redirect\n');
  });

  it("shows a script's sendError as an HTML error page, and answers fetch() with the JSON body", async () => {
    const response = await page.goto(`${app}/not-found.js`);
    expect(response?.status()).to.equal(404);
    expect(response?.headers()['content-type']).to.equal('text/html; charset=utf-8');
    expect(await page.title()).to.equal('404 Not Found');
    expect(await page.textContent('h1')).to.equal('404 Not Found');
    expect(await page.textContent('body')).to.include('No order <42>');
    expect(await page.locator('code').count()).to.equal(0);
    const fetched = await page.evaluate(async (url) => {
      const answer = await fetch(url);
      return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.json() };
    }, `${app}/not-found.js`);
    expect(fetched).to.deep.equal({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: { status: 404, error: 'Not Found', message: 'No order <42>' },
    });
  });

  it('reads a cookie that page script set with non-ASCII text (sent as UTF-8) as that text', async () => {
    await page.goto(`${app}/cookies.js`);
    await page.evaluate("document.cookie = 'city=Köln ✓; path=/'");
    await page.evaluate(`document.cookie = 'note=${encodeURIComponent('Grüße & more')}; path=/'`);
    await page.reload();
    expect(JSON.parse((await page.textContent('body')) ?? '')).to.deep.include.members([
      { name: 'city', value: 'Köln ✓' },
      { name: 'note', value: 'Grüße & more' },
    ]);
  });
});
