/**
 * Failed HTTP Basic logins of the users file: a `warn` line of component `users` each (request id,
 * the user name tried, sanitised and cut, never the password, the client's address, the reason) and
 * `dirigible_login_failures_total` by reason; a request without credentials is no failure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loggedUserName, MAX_LOGGED_USER_NAME } from '../../../main/server/login-failures.js';
import { addUser } from '../../../main/server/users-command.js';
import { type CapturedLogger, capturedLogger, LEVEL } from '../../support/captured-logger.js';
import { embeddingScriptsDir } from '../../support/express-app.js';
import { parseExposition } from '../../support/prometheus-text.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

function basic(credentials: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

describe('failed Basic logins', () => {
  let dir: string;
  let harness: Harness;
  let log: CapturedLogger;
  let file: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-login-failures-'));
    file = path.join(dir, 'users.json');
    await addUser(file, 'alice', 'wonder land', []);
    log = capturedLogger();
    harness = await startRuntime({
      root: embeddingScriptsDir,
      usersFile: file,
      logger: log.logger,
      metricsPath: '/metrics',
    });
  });
  after(async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends `headers` to a script that requires a user; answers the request id and the 'users' lines logged for it. */
  async function attempt(headers: Record<string, string>) {
    const response = await harness.client().request('/services/js/who.js', { headers });
    const id = response.headers.get('x-request-id') ?? '';
    // The access line is the request's last: once it is in, every line of the request is.
    await until(() => log.matching({ reqId: id, method: 'GET' }).length > 0);
    return { status: response.status, lines: log.matching({ reqId: id, component: 'users' }) };
  }

  async function failures(): Promise<Record<string, number>> {
    const { text } = await harness.client().get('/metrics');
    const family = parseExposition(text).get('dirigible_login_failures_total');
    return Object.fromEntries((family?.samples ?? []).map((sample) => [sample.labels['reason'], sample.value]));
  }

  it('logs a wrong password and an unknown user at warn, with the name tried and the address, never the password', async () => {
    const before = await failures();
    const wrong = await attempt(basic('alice:not the password'));
    expect(wrong.status).to.equal(401);
    // Before, a wrong password left only the 401 access line: it looked like no credentials at all.
    expect(wrong.lines).to.have.length(1);
    expect(wrong.lines[0]).to.include({
      level: LEVEL.warn,
      reason: 'wrong_password',
      user: 'alice',
      remoteAddress: '127.0.0.1',
    });
    expect(JSON.stringify(wrong.lines[0])).to.not.include('not the password');
    const unknown = await attempt(basic('mallory:guess'));
    expect(unknown.lines[0]).to.include({ level: LEVEL.warn, reason: 'unknown_user', user: 'mallory' });
    expect(JSON.stringify(unknown.lines[0])).to.not.include('guess');
    const after = await failures();
    expect((after['wrong_password'] ?? 0) - (before['wrong_password'] ?? 0)).to.equal(1);
    expect((after['unknown_user'] ?? 0) - (before['unknown_user'] ?? 0)).to.equal(1);
  });

  it('logs malformed Basic credentials without any name (what there is may be a password)', async () => {
    const before = await failures();
    const noColon = await attempt(basic('just-a-password'));
    expect(noColon.lines).to.have.length(1);
    expect(noColon.lines[0]).to.include({ reason: 'malformed' }).and.not.have.property('user');
    expect(JSON.stringify(noColon.lines[0])).to.not.include('just-a-password');
    const notBase64 = await attempt({ authorization: 'Basic !!!' });
    expect(notBase64.lines[0]).to.include({ reason: 'malformed' });
    expect((await failures())['malformed']).to.equal((before['malformed'] ?? 0) + 2);
  });

  it('a request without credentials, or with another scheme, is no failure: neither logged nor counted', async () => {
    const before = await failures();
    const anonymous = await attempt({});
    expect(anonymous.status).to.equal(401);
    expect(anonymous.lines).to.deep.equal([]);
    expect((await attempt({ authorization: 'Bearer abc' })).lines).to.deep.equal([]);
    expect(await failures()).to.deep.equal(before);
  });

  it('counts under a few reasons only, each from 0, never under a user name', async () => {
    await attempt(basic('someone-else:guess'));
    const reasons = Object.keys(await failures()).sort();
    expect(reasons).to.deep.equal(['locked', 'malformed', 'unknown_user', 'wrong_password']);
  });

  it('shows a name tried without control characters and cut to a bounded length', async () => {
    const forged = `eve\nINFO login ok for admin\u001b[31m${'x'.repeat(500)}`;
    const { lines } = await attempt(basic(`${forged}:guess`));
    const shown = String(lines[0]?.['user']);
    expect(shown.includes('\n') || shown.includes('\u001b')).to.equal(false);
    expect(shown.startsWith('eve?INFO login ok for admin?[31mxxx')).to.equal(true);
    expect(shown).to.have.length(MAX_LOGGED_USER_NAME + 1); // and the `…`
    expect(loggedUserName('a\u2028b\ud800')).to.equal('a?b?');
  });

  it("logs a users file that does not read or check in the users' own line, not as a script failure", async () => {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"password": "', '"password": '));
    try {
      const { status, lines } = await attempt(basic('alice:wonder land'));
      expect(status).to.equal(500);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ level: LEVEL.error, code: 'ERR_AUTH_FAILED' });
      expect(String(lines[0]?.['err'])).to.include('is not JSON');
      const id = String(lines[0]?.['reqId']);
      // Before, it was a script failure line (`script who.js failed (ERR_AUTH_FAILED)`), counted as one.
      expect(log.matching({ reqId: id, level: LEVEL.error })).to.have.length(1);
      const { text: metrics } = await harness.client().get('/metrics');
      const scriptFailures = parseExposition(metrics).get('dirigible_script_failures_total')?.samples ?? [];
      expect(scriptFailures.map((sample) => sample.labels['code'])).to.not.include('ERR_AUTH_FAILED');
    } finally {
      writeFileSync(file, text);
    }
    expect((await attempt(basic('alice:wonder land'))).status).to.equal(200);
  });
});

describe('failed Basic logins behind a trusted proxy', () => {
  let dir: string;
  let harness: Harness;
  let log: CapturedLogger;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-login-proxy-'));
    const file = path.join(dir, 'users.json');
    await addUser(file, 'alice', 'wonder land', []);
    log = capturedLogger();
    harness = await startRuntime({
      root: embeddingScriptsDir,
      usersFile: file,
      logger: log.logger,
      trustProxy: ['127.0.0.1'],
    });
  });
  after(async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the client the proxy forwards, as the access line does', async () => {
    const response = await harness.client().request('/services/js/who.js', {
      headers: { ...basic('alice:guess'), 'x-forwarded-for': '203.0.113.7' },
    });
    expect(response.status).to.equal(401);
    const id = response.headers.get('x-request-id') ?? '';
    await until(() => log.matching({ reqId: id, method: 'GET' }).length > 0);
    expect(log.matching({ reqId: id, method: 'GET' })[0]).to.include({ remoteAddress: '203.0.113.7' });
    expect(log.matching({ reqId: id, component: 'users' })[0]).to.include({
      reason: 'wrong_password',
      remoteAddress: '203.0.113.7',
    });
  });
});
