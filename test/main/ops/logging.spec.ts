/**
 * The runtime's log, through a real pino logger passed as `logger`: an access line per request with
 * its request id (echoed), a line per script failure (its stack only in development), worker starts,
 * levels; and the older `log(line)` option.
 */
import { expect } from 'chai';
import { createRuntime } from '../../../main/server/runtime.js';
import { type CapturedLogger, capturedLogger, LEVEL } from '../../support/captured-logger.js';
import { fixturesDir } from '../../support/paths.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

const opsDir = `${fixturesDir}ops`;

describe('logs', () => {
  describe('through a pino logger', () => {
    let harness: Harness;
    let log: CapturedLogger;

    before(async () => {
      log = capturedLogger();
      harness = await startRuntime({ root: opsDir, logger: log.logger, timeout: 200 });
    });
    after(() => harness.close());

    it('logs that each sandbox worker started', async () => {
      await until(() => log.lines.some((line) => /sandbox worker \d+ started/.test(line.msg)));
      expect(log.matching({ component: 'supervisor', level: LEVEL.info })).to.not.be.empty;
    });

    it('writes one access line per request: method, path, status, duration, bytes, request id (echoed)', async () => {
      const response = await harness.client().get('/services/js/ok.js?x=1');
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      await until(() => log.matching({ reqId: id, method: 'GET' }).length > 0);
      const [line] = log.matching({ reqId: id, method: 'GET' });
      expect(line).to.include({
        level: LEVEL.info,
        path: '/services/js/ok.js',
        status: 200,
        bytes: 2,
        script: 'ok.js',
      });
      expect(line?.['durationMs']).to.be.a('number').and.be.greaterThan(0);
    });

    it("takes the client's X-Request-Id when it is a sane token, and makes one otherwise", async () => {
      const client = harness.client();
      const given = await client.request('/services/js/ok.js', { headers: { 'X-Request-Id': 'trace-42.a' } });
      expect(given.headers.get('x-request-id')).to.equal('trace-42.a');
      const refused = await client.request('/services/js/ok.js', { headers: { 'X-Request-Id': 'bad id with spaces' } });
      expect(refused.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    });

    it('logs requests that reach no script too (404), without a script', async () => {
      const response = await harness.client().get('/services/js/missing.js');
      const id = response.headers.get('x-request-id');
      await until(() => log.matching({ reqId: id, status: 404 }).length > 0);
      expect(log.matching({ reqId: id, status: 404 })[0]).to.not.have.property('script');
    });

    for (const [script, code] of [
      ['fails.js', 'ERR_ON_PURPOSE'],
      ['spin.js', 'ERR_SCRIPT_TIMEOUT'],
      ['syntax.js', 'ERR_SCRIPT'],
    ] as const) {
      it(`logs a failure of ${script} with its code, script and message, and no stack outside development`, async () => {
        const response = await harness.client().get(`/services/js/${script}`);
        expect(response.status).to.equal(500);
        const id = response.headers.get('x-request-id');
        await until(() => log.matching({ reqId: id, code }).length > 0);
        const [line] = log.matching({ reqId: id, code });
        expect(line).to.include({ level: LEVEL.error, script });
        expect(line?.msg).to.include(`script ${script} failed (${code})`);
        expect(line).to.not.have.property('stack');
      });
    }
  });

  describe('requests refused before any script ran: no script in the access line, counted under (none)', () => {
    let harness: Harness;
    let log: CapturedLogger;

    before(async () => {
      log = capturedLogger();
      // login.js needs a user (none is ever known here), and bodies are at most 10 bytes.
      harness = await startRuntime({
        root: opsDir,
        logger: log.logger,
        metricsPath: '/metrics',
        requireUser: ['login'],
        maxBodySize: 10,
      });
    });
    after(() => harness.close());

    /** The access line of the response, once logged. */
    async function accessLine(response: { headers: Headers }) {
      const reqId = response.headers.get('x-request-id');
      await until(() => log.matching({ reqId, level: LEVEL.info }).some((line) => 'status' in line));
      return log.matching({ reqId, level: LEVEL.info }).find((line) => 'status' in line);
    }

    it('a cross-site 403, a 401 and a 413 name no script; a request whose script ran names it', async () => {
      const client = harness.client();
      const crossSite = await client.request('/services/js/ok.js', {
        method: 'POST',
        headers: { origin: 'http://evil.test', 'content-type': 'text/plain' },
        body: 'x',
      });
      const anonymous = await client.get('/services/js/login.js');
      const tooLarge = await client.request('/services/js/ok.js', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x'.repeat(100),
      });
      const ran = await client.get('/services/js/ok.js');
      expect([crossSite.status, anonymous.status, tooLarge.status, ran.status]).to.deep.equal([403, 401, 413, 200]);
      for (const refused of [crossSite, anonymous, tooLarge]) {
        const line = await accessLine(refused);
        expect(line, String(line?.['status'])).to.not.have.property('script');
      }
      expect(await accessLine(ran)).to.include({ status: 200, script: 'ok.js' });
      const text = (await client.get('/metrics')).text;
      const requests = text.split('\n').filter((row) => row.startsWith('dirigible_http_requests_total{'));
      expect(requests).to.include.members([
        'dirigible_http_requests_total{status_class="4xx",script="(none)"} 3',
        'dirigible_http_requests_total{status_class="2xx",script="ok.js"} 1',
      ]);
      expect(requests.filter((row) => row.includes('4xx'))).to.have.length(1);
    });
  });

  it('never writes a session id into the access line: the ;jsessionid= of a rewritten URL is left out of path', async () => {
    const log = capturedLogger();
    const harness = await startRuntime({ root: opsDir, logger: log.logger, urlRewriting: true });
    try {
      const client = harness.client();
      await client.get('/services/js/login.js?user=ann');
      const id = client.cookies.get('JSESSIONID') ?? '';
      expect(id).to.not.equal('');
      // A client without cookies, as URL rewriting is for.
      const response = await fetch(`${harness.url}/services/js/login.js;jsessionid=${id}?x=1`);
      expect(await response.text()).to.equal('ann');
      const reqId = response.headers.get('x-request-id');
      await until(() => log.matching({ reqId, method: 'GET' }).length > 0);
      expect(log.matching({ reqId, method: 'GET' })[0]).to.include({ path: '/services/js/login.js' });
      expect(JSON.stringify(log.lines)).to.not.include(id);
    } finally {
      await harness.close();
    }
  });

  it('adds the stack of a failure in development', async () => {
    const log = capturedLogger();
    const harness = await startRuntime({ root: opsDir, logger: log.logger, development: true });
    try {
      const response = await harness.client().get('/services/js/fails.js');
      const id = response.headers.get('x-request-id');
      await until(() => log.matching({ reqId: id, code: 'ERR_ON_PURPOSE' }).length > 0);
      expect(log.matching({ reqId: id, code: 'ERR_ON_PURPOSE' })[0]?.['stack']).to.include('fails.js:');
    } finally {
      await harness.close();
    }
  });

  it('logLevel filters the lines of the older log(line) option, which gets each message', async () => {
    const lines: string[] = [];
    const harness = await startRuntime({ root: opsDir, log: (line) => lines.push(line), logLevel: 'error' });
    try {
      await harness.client().get('/services/js/ok.js');
      await harness.client().get('/services/js/fails.js');
      await until(() => lines.length > 0);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(/^script fails\.js failed \(ERR_ON_PURPOSE\): the script failed on purpose$/);
    } finally {
      await harness.close();
    }
  });

  it('refuses a logger that is not pino-compatible, a bad level, and logger with log', () => {
    const root = opsDir;
    expect(() => createRuntime({ root, logger: { info() {} } as never })).to.throw(
      /option "logger" must be pino-compatible/,
    );
    expect(() => createRuntime({ root, logLevel: 'loud' as never })).to.throw(/option "logLevel" must be one of/);
    expect(() => createRuntime({ root, logger: capturedLogger().logger, log: () => undefined })).to.throw(
      /option "log" cannot be combined with "logger"/,
    );
  });
});
