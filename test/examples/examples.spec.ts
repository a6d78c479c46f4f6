/**
 * The examples `npm start` serves, through a real runtime.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';
import { examplesDir } from '../support/paths.js';

describe('examples', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ root: examplesDir });
  });
  after(() => harness.close());

  it('basic-usage.js prints [Attribute]: value1 and sets the session cookie', async () => {
    const response = await harness.client().get('/services/js/basic-usage.js');
    expect(response.text).to.equal('[Attribute]: value1\n');
    expect(response.setCookies[0]).to.match(/^JSESSIONID=/);
  });

  for (const [script, generation] of [
    ['basic-usage-v3.js', "http/v3 (the docs' v3 Basic Usage)"],
    ['basic-usage-v2.js', "net/http (the docs' v2 Basic Usage)"],
    ['basic-usage.mjs', 'http/v4 imported by an ES module'],
    ['basic-usage-sdk.mjs', "sdk/http (the newer SDK's Basic Usage)"],
  ]) {
    it(`${script} prints [Attribute]: value1 through ${generation}`, async () => {
      const response = await harness.client().get(`/services/js/${script}`);
      expect(response.status).to.equal(200);
      expect(response.text).to.equal('[Attribute]: value1\n');
      expect(response.setCookies[0]).to.match(/^JSESSIONID=/);
    });
  }

  for (const script of ['docs/request-v4.js', 'docs/request-v3.js', 'docs/request-v2.js', 'docs/request.mjs']) {
    it(`${script} (the request module's Basic Usage) prints the method`, async () => {
      expect((await harness.client().get(`/services/js/${script}`)).text).to.equal('[Method]: GET\n');
      expect((await harness.client().request(`/services/js/${script}`, { method: 'DELETE' })).text).to.equal(
        '[Method]: DELETE\n',
      );
    });
  }

  for (const script of ['docs/response-v4.js', 'docs/response-v3.js', 'docs/response-v2.js', 'docs/response.mjs']) {
    it(`${script} (the response module's Basic Usage) prints Hello World! and sets no cookie`, async () => {
      const response = await harness.client().get(`/services/js/${script}`);
      expect(response.text).to.equal('Hello World!\n');
      expect(response.setCookies).to.deep.equal([]);
    });
  }

  it('visit-counter.js counts visits per session', async () => {
    const client = harness.client();
    expect((await client.get('/services/js/visit-counter.js')).text).to.equal(
      'Visits in this session: 1 (new session)\n',
    );
    expect((await client.get('/services/js/visit-counter.js')).text).to.equal('Visits in this session: 2\n');
    expect((await harness.client().get('/services/js/visit-counter.js')).text).to.equal(
      'Visits in this session: 1 (new session)\n',
    );
  });

  it('login.js, whoami.js and logout.js keep and end a login with POST forms and redirects', async () => {
    const client = harness.client();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await client.get('/services/js/login.js')).text).to.include('<form method="post" action="login.js">');
    expect(
      (await client.request('/services/js/login.js', { method: 'POST', headers: form, body: '' })).status,
    ).to.equal(400);
    await client.get('/services/js/session-info.js');
    const before = client.cookies.get('JSESSIONID');
    const login = await client.request('/services/js/login.js', { method: 'POST', headers: form, body: 'user=ann' });
    expect(login.status).to.equal(303);
    expect(login.headers.get('location')).to.equal('whoami.js');
    expect(client.cookies.get('JSESSIONID')).to.be.a('string').and.not.equal(before);
    expect((await client.get('/services/js/whoami.js')).text).to.match(/^Logged in as ann since \d{4}-\d\d-\d\dT/);
    expect((await client.get('/services/js/logout.js')).text).to.include('<form method="post" action="logout.js">');
    expect((await client.get('/services/js/whoami.js')).text).to.match(/^Logged in as ann/);
    const logout = await client.request('/services/js/logout.js', { method: 'POST' });
    expect(logout.status).to.equal(303);
    expect(logout.headers.get('location')).to.equal('login.js');
    expect(client.cookies.has('JSESSIONID')).to.equal(false);
    expect((await client.get('/services/js/whoami.js')).text).to.equal('Not logged in\n');
  });

  it('a login form posted from another site is refused with 403 and logs nobody in', async () => {
    const client = harness.client();
    const response = await client.request('/services/js/login.js', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'user=mallory',
    });
    expect(response.status).to.equal(403);
    expect(response.json<{ code: string }>().code).to.equal('ERR_CROSS_SITE');
    expect(response.setCookies).to.deep.equal([]);
  });

  it('session-info.js prints id, creation and last accessed time and max inactive interval', async () => {
    const client = harness.client();
    const text = (await client.get('/services/js/session-info.js')).text;
    const id = client.cookies.get('JSESSIONID');
    expect(text).to.include(`Id: ${id}\n`);
    expect(text).to.match(/Created: \d{4}-\d\d-\d\dT[^\n]+\nLast accessed: \d{4}-/);
    expect(text).to.include('Max inactive interval: 1800 s\nNew: true\n');
    expect((await client.get('/services/js/session-info.js')).text).to.include('New: false');
  });
});
