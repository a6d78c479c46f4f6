/**
 * Dirigible's user API (security/user, security/v4/user, sdk/security and its other names), over
 * HTTP, as Dirigible's own scripts use it: the IDE's "TypeScript (API)" template printing
 * `user.getName()`, and a REST service in the shape of the generated ones, whose
 * checkPermissions() asks `user.isInRole()`. With no user, with a user from the `authenticate`
 * option, from the CLI's Basic users file, and from an Express app's `req.user`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { addUserCommand } from '../../main/server/users-command.js';
import { CookieJarClient } from '../support/cookie-jar-client.js';
import { startExpressApp, type ExpressApp } from '../support/express-app.js';
import { scriptsDir } from '../support/paths.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface Report {
  name: string;
  admin: boolean;
  reader: boolean;
  timeout: number;
  authType: string | null;
  token: string;
  invocations: unknown;
  language: string;
}

const base = '/services/js/dirigible/security';
const greeting = '/services/ts/dirigible/security/greeting.ts';
const orders = '/services/ts/dirigible/security/OrderService.ts';

/** The header the specs' `authenticate` reads: `name:role,role`. */
function as(user: string, ...roles: string[]): Record<string, string> {
  return { 'x-user': `${user}:${roles.join(',')}` };
}

describe("Dirigible's user API (security/user, sdk/security)", () => {
  describe('without a user', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ maxInactiveInterval: 900 });
    });
    after(() => harness.close());

    it("the IDE template's user.getName() prints 'guest', as Dirigible answers with no user", async () => {
      const response = await harness.client().get(greeting);
      expect(response.status, response.text).to.equal(200);
      expect(JSON.parse(response.text)).to.deep.equal({ message: 'Hello', user: 'guest' });
    });

    it('every function answers for an anonymous request, and asking sets no session cookie', async () => {
      const response = await harness.client().get(`${base}/user-report.js`);
      expect(response.status, response.text).to.equal(200);
      expect(response.json<Report>()).to.deep.equal({
        name: 'guest',
        admin: false,
        reader: false,
        timeout: 900,
        authType: null,
        token: '',
        invocations: null,
        language: '*',
      });
      expect(response.headers.get('set-cookie')).to.equal(null);
    });

    it('getSecurityToken() is the Authorization header from its first space, as Dirigible cuts it', async () => {
      const token = async (authorization: string) =>
        (await harness.client().request(`${base}/user-report.js`, { headers: { authorization } })).json<Report>().token;
      expect(await token('Bearer abc.def')).to.equal(' abc.def');
      expect(await token('Bearer a b')).to.equal(' a b');
      expect(await token('abc')).to.equal('');
    });

    it("getLanguage() is the first language range of the highest weight, in lower case, as Java's LanguageRange orders them", async () => {
      const language = async (acceptLanguage: string) =>
        (
          await harness.client().request(`${base}/user-report.js`, { headers: { 'accept-language': acceptLanguage } })
        ).json<Report>().language;
      expect(await language('en-GB,en-US;q=0.9,en;q=0.8')).to.equal('en-gb');
      expect(await language('de;q=0.5, fr-CH, fr;q=0.9')).to.equal('fr-ch');
      expect(await language('da;q=0.7,*;q=0.8')).to.equal('*');
      expect(await language('en;q=0')).to.equal('en');
      expect(await language('en_US,de;q=0.3')).to.equal('de');
      expect(await language('en;q=2')).to.equal('*');
      expect(await language('')).to.equal('*');
    });

    it('getLanguage() is * for a request without Accept-Language (fetch would send one)', async () => {
      const body = await new Promise<string>((resolve, reject) => {
        get(`${harness.url}${base}/user-report.js`, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect((JSON.parse(body) as Report).language).to.equal('*');
    });

    it('a generated REST service with roles answers 403 to a request without a user', async () => {
      const response = await harness.client().get(orders);
      expect(response.status, response.text).to.equal(403);
      expect(response.json()).to.deep.equal({
        code: 403,
        message: "You don't have permission to access this resource",
      });
    });

    it("Dirigible 2's net/http/user answers null and false for a request without a user", async () => {
      const response = await harness.client().get(`${base}/v2-user.js`);
      expect(response.status, response.text).to.equal(200);
      expect(response.json()).to.deep.equal({ record: { title: 'note', author: null }, editor: false });
    });

    it('getInvocationCount() reads the session attribute invocation.count, which this runtime does not add', async () => {
      expect((await harness.client().get(`${base}/invocation-count.js`)).json()).to.deep.equal([null, 5]);
    });

    it('every name is the same module, in CommonJS and ES modules', async () => {
      expect((await harness.client().get(`${base}/names.js`)).json()).to.deep.equal({
        v4: true,
        sdkUser: true,
        sdkClass: 'function:true',
        dirigible: true,
        aerokit: true,
        name: 'guest',
      });
      expect((await harness.client().get(`${base}/dirigible8.mjs`)).text).to.equal('guest false\n');
      expect((await harness.client().get('/services/ts/dirigible/security/aerokit.ts')).text).to.equal(
        'Hello, guest. You do not have administrator access.\n',
      );
    });
  });

  describe('with a user from the authenticate option', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({
        authenticate: (request) => {
          const [user = '', roles = ''] = String(request.headers['x-user'] ?? '').split(':');
          return user === '' ? undefined : { user, roles: roles.split(',').filter(Boolean), authType: 'FORM' };
        },
      });
    });
    after(() => harness.close());

    it("the IDE template prints the user's name", async () => {
      const response = await harness.client().request(greeting, { headers: as('ann') });
      expect(JSON.parse(response.text)).to.deep.equal({ message: 'Hello', user: 'ann' });
    });

    it('every function answers from the authenticated user', async () => {
      const response = await harness.client().request(`${base}/user-report.js`, { headers: as('ann', 'admin') });
      expect(response.json<Report>()).to.include({ name: 'ann', admin: true, reader: false, authType: 'FORM' });
    });

    it("Dirigible 2's net/http/user answers the user's name and roles", async () => {
      const client = harness.client();
      const editor = await client.request(`${base}/v2-user.js`, { headers: as('ann', 'Editor') });
      expect(editor.json()).to.deep.equal({ record: { title: 'note', author: 'ann' }, editor: true });
      const reader = await client.request(`${base}/v2-user.js`, { headers: as('rita', 'Reader') });
      expect(reader.json()).to.deep.equal({ record: { title: 'note', author: 'rita' }, editor: false });
    });

    it('the generated REST service lets each role do what checkPermissions() allows, and no more', async () => {
      const reader = as('rita', 'shop.Orders', 'shop.OrdersReadOnly');
      const writer = as('will', 'shop.Orders', 'shop.OrdersFullAccess');
      const outsider = as('otto', 'shop.OrdersFullAccess');
      const client = harness.client();
      const post = (headers: Record<string, string>) =>
        client.request(orders, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ Item: 'tea' }),
        });
      expect((await post(reader)).status).to.equal(403);
      expect((await post(outsider)).status).to.equal(403);
      const created = await post(writer);
      expect(created.status, created.text).to.equal(201);
      expect(created.json()).to.deep.equal({ Item: 'tea', Id: 1 });
      const read = await client.request(orders, { headers: reader });
      expect(read.status, read.text).to.equal(200);
      expect(read.json()).to.deep.equal([{ Item: 'tea', Id: 1 }]);
      expect((await client.request(orders, { headers: writer })).status).to.equal(403);
      expect((await client.request(orders, { headers: outsider })).status).to.equal(403);
    });

    it('the ES module names answer for the user too', async () => {
      expect((await harness.client().request(`${base}/dirigible8.mjs`, { headers: as('ann', 'admin') })).text).to.equal(
        'ann true\n',
      );
      expect(
        (await harness.client().request('/services/ts/dirigible/security/aerokit.ts', { headers: as('ann', 'admin') }))
          .text,
      ).to.equal('Welcome, ann! You have administrator access.\n');
    });
  });

  describe("with the CLI's Basic users file", () => {
    let dir: string;
    let harness: Harness;
    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'dirigible-user-api-'));
      const file = path.join(dir, 'users.json');
      await addUserCommand([file, 'alice', '--role', 'reader'], Readable.from(['wonder land\n']), () => undefined);
      harness = await startRuntime({ usersFile: file });
    });
    after(async () => {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('getAuthType() is BASIC and getSecurityToken() the credentials after the scheme', async () => {
      const credentials = Buffer.from('alice:wonder land').toString('base64');
      const response = await harness.client().request(`${base}/user-report.js`, {
        headers: { authorization: `Basic ${credentials}` },
      });
      expect(response.json<Report>()).to.include({
        name: 'alice',
        admin: false,
        reader: true,
        authType: 'BASIC',
        token: ` ${credentials}`,
      });
    });
  });

  describe("with an Express app's req.user", () => {
    let app: ExpressApp;
    before(async () => {
      app = await startExpressApp({ runtime: { root: scriptsDir } });
    });
    after(() => app.close());

    it('the user the app logged in is the name and roles scripts see', async () => {
      const client = new CookieJarClient(app.url);
      await client.request('/app/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=erin',
        redirect: 'manual',
      });
      const report = (await client.get(`${base}/user-report.js`)).json<Report>();
      expect(report).to.include({ name: 'erin', reader: true, admin: false });
      expect(JSON.parse((await client.get(greeting)).text)).to.deep.equal({ message: 'Hello', user: 'erin' });
    });
  });
});
