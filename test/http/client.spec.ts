/**
 * http/v4/client through a real runtime against a local server: the documented calls and the
 * response shape, and the security rules: allowedHosts by name, address and redirect, a name
 * that resolves to 127.0.0.1, the time limit (and the run's deadline), the response size limit.
 */
import { expect } from 'chai';
import { callClientScript as call } from '../support/client-call.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';
import { closedPort, startTargetServer, type TargetServer } from '../support/target-server.js';

describe('http/v4/client', () => {
  let target: TargetServer;
  let harness: Harness;
  before(async () => {
    target = await startTargetServer();
    harness = await startRuntime({ allowedHosts: ['127.0.0.1'], httpClientMaxResponseSize: 32 * 1024 });
  });
  after(async () => {
    await harness.close();
    await target.close();
  });

  describe('calls and the response shape', () => {
    it('runs the example of the Dirigible docs verbatim', async () => {
      const url = encodeURIComponent(`${target.base}/text`);
      const response = await harness.client().get(`/services/js/client/dirigible-example.js?url=${url}`);
      expect(response.text).to.equal('hello GET\n');
    });

    it('get: status, message, protocol, headers (every Set-Cookie), a text body as text', async () => {
      const { response } = await call(harness, { url: `${target.base}/text` });
      expect(response).to.include({ statusCode: 200, statusMessage: 'OK', protocol: 'HTTP', binary: false });
      expect(response?.text).to.equal('hello GET');
      expect(response?.data).to.equal(undefined);
      expect(response?.headers).to.deep.include({ name: 'Content-Type', value: 'text/plain; charset=utf-8' });
      const cookies = response?.headers.filter((header) => header.name === 'Set-Cookie').map((header) => header.value);
      expect(cookies).to.deep.equal(['a=1', 'b=2']);
    });

    it('a body that is not text arrives as data, bytes 0-255; binary: true asks bytes of any body', async () => {
      const bytes = await call(harness, { url: `${target.base}/bytes` });
      expect(bytes.response).to.include({ binary: true });
      expect(bytes.response?.data).to.deep.equal([0, 1, 127, 128, 255]);
      const forced = await call(harness, { url: `${target.base}/text`, options: { binary: true } });
      expect(forced.response?.data).to.deep.equal([...Buffer.from('hello GET')]);
      expect(forced.response?.text).to.equal(undefined);
    });

    it('post text with contentType and headers; params join the query string', async () => {
      const { response } = await call(harness, {
        fn: 'post',
        url: `${target.base}/echo`,
        options: {
          text: '{"a":"é"}',
          contentType: 'application/json',
          headers: [{ name: 'X-Token', value: 't1' }],
          params: [{ name: 'q', value: '1' }],
        },
      });
      const echo = JSON.parse(response?.text ?? '{}');
      expect(echo.method).to.equal('POST');
      expect(echo.query).to.equal('?q=1');
      expect(echo.headers['content-type']).to.equal('application/json; charset=UTF-8');
      expect(echo.headers['x-token']).to.equal('t1');
      expect(Buffer.from(echo.body, 'latin1').toString('utf8')).to.equal('{"a":"é"}');
    });

    it('put, patch and request() send binary data (Java-style negative bytes too)', async () => {
      for (const [fn, options] of [
        ['put', { data: [0, 255, -1, 65] }],
        ['patch', { data: [0, 255, -1, 65] }],
        ['request', { method: 'PUT', data: [0, 255, -1, 65] }],
      ] as const) {
        const { response } = await call(harness, { fn, url: `${target.base}/echo`, options });
        const echo = JSON.parse(response?.text ?? '{}');
        expect(echo.method, fn).to.equal(fn === 'patch' ? 'PATCH' : 'PUT');
        expect([...Buffer.from(echo.body, 'latin1')], fn).to.deep.equal([0, 255, 255, 65]);
        expect(echo.headers['content-type'], fn).to.equal('application/octet-stream');
      }
    });

    it('post params alone send a form', async () => {
      const { response } = await call(harness, {
        fn: 'post',
        url: `${target.base}/echo`,
        options: { params: [{ name: 'a', value: 'b c' }] },
      });
      const echo = JSON.parse(response?.text ?? '{}');
      expect(echo.headers['content-type']).to.equal('application/x-www-form-urlencoded');
      expect(echo.body).to.equal('a=b+c');
    });

    it('delete, del and head', async () => {
      expect(
        JSON.parse((await call(harness, { fn: 'delete', url: `${target.base}/echo` })).response?.text ?? '{}').method,
      ).to.equal('DELETE');
      expect(
        JSON.parse((await call(harness, { fn: 'del', url: `${target.base}/echo` })).response?.text ?? '{}').method,
      ).to.equal('DELETE');
      const head = await call(harness, { fn: 'head', url: `${target.base}/text` });
      expect(head.response).to.include({ statusCode: 200 }).and.not.have.property('text');
    });

    it('an error status is a response, not an error', async () => {
      const { ok, response } = await call(harness, { url: `${target.base}/missing` });
      expect(ok).to.equal(true);
      expect(response).to.include({ statusCode: 404, statusMessage: 'Not Found', text: 'not here' });
    });

    it('works from ES modules through sdk/http (HttpClient, client)', async () => {
      const url = encodeURIComponent(`${target.base}/text`);
      const response = await harness.client().get(`/services/js/client/sdk-client.mjs?url=${url}`);
      expect(JSON.parse(response.text)).to.deep.equal({ same: true, status: 200, text: 'hello GET' });
    });

    it('options it cannot carry out throw ERR_INVALID_ARG: files, a missing URL', async () => {
      const files = await call(harness, {
        fn: 'post',
        url: `${target.base}/echo`,
        options: { files: ['/etc/passwd'] },
      });
      expect(files).to.include({ ok: false, name: 'TypeError', code: 'ERR_INVALID_ARG' });
      const noUrl = await call(harness, { url: '' });
      expect(noUrl).to.include({ ok: false, code: 'ERR_INVALID_ARG' });
    });
  });

  describe('allowedHosts', () => {
    it('refuses a host that is not listed, by name or by address, before any connection', async () => {
      const before = target.seen.length;
      const byName = await call(harness, { url: `http://localhost:${target.port}/text` });
      expect(byName).to.include({ ok: false, name: 'HttpClientRefusedError', code: 'ERR_HTTP_CLIENT_REFUSED' });
      const byAddress = await call(harness, { url: `http://127.0.0.2:${target.port}/text` });
      expect(byAddress).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_REFUSED' });
      const mapped = await call(harness, { url: `http://[::ffff:127.0.0.2]:${target.port}/text` });
      expect(mapped).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_REFUSED' });
      expect(target.seen.length).to.equal(before);
    });

    it('refuses schemes other than http and https, and credentials in the URL', async () => {
      for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', `http://user:pw@127.0.0.1:${target.port}/text`]) {
        expect(await call(harness, { url }), url).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_REFUSED' });
      }
    });

    it('does not follow redirects unless redirectsEnabled (Dirigible default)', async () => {
      const url = `${target.base}/redirect-to?${encodeURIComponent('/text')}`;
      const plain = await call(harness, { url });
      expect(plain.response).to.include({ statusCode: 302 });
      expect(plain.response?.headers).to.deep.include({ name: 'Location', value: '/text' });
      const followed = await call(harness, { url, options: { redirectsEnabled: true } });
      expect(followed.response).to.include({ statusCode: 200, text: 'hello GET' });
    });

    it('refuses a redirect out of the list, without calling the target', async () => {
      const before = target.seen.length;
      const out = encodeURIComponent(`http://localhost:${target.port}/text`);
      const report = await call(harness, {
        url: `${target.base}/redirect-to?${out}`,
        options: { redirectsEnabled: true },
      });
      expect(report).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_REFUSED' });
      expect(report.message).to.match(/redirect to http:\/\/localhost:\d+\/text refused/);
      expect(target.seen.slice(before)).to.deep.equal(['GET /redirect-to']);
    });

    it('stops after maxRedirects', async () => {
      const loop = `${target.base}/redirect-to?${encodeURIComponent(`/redirect-to?${encodeURIComponent('/text')}`)}`;
      const report = await call(harness, { url: loop, options: { redirectsEnabled: true, maxRedirects: 1 } });
      expect(report).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_FAILED' });
    });

    it('a failed connection throws ERR_HTTP_CLIENT_FAILED, which the script can catch', async () => {
      const report = await call(harness, { url: `http://127.0.0.1:${await closedPort()}/` });
      expect(report).to.include({ ok: false, name: 'HttpClientFailedError', code: 'ERR_HTTP_CLIENT_FAILED' });
      expect(report.message).to.match(/ECONNREFUSED/);
    });

    it('the response size limit: ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE', async () => {
      const report = await call(harness, { url: `${target.base}/large` });
      expect(report).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE' });
      expect(report.message).to.include(String(32 * 1024));
    });
  });

  describe('a name that resolves to a loopback address', () => {
    it('is refused when only the name is listed: the resolved address needs its own entry', async () => {
      const onlyName = await startRuntime({ allowedHosts: ['localhost'] });
      try {
        const report = await call(onlyName, { url: `http://localhost:${target.port}/text` });
        expect(report).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_REFUSED' });
        expect(report.message).to.match(/localhost resolves to .*which allowedHosts does not list/);
      } finally {
        await onlyName.close();
      }
    });

    it('is allowed when its address is listed too (pinned to it), and only on a listed port', async () => {
      const both = await startRuntime({ allowedHosts: ['localhost', '127.0.0.1', '[::1]'] });
      const portOnly = await startRuntime({ allowedHosts: [`localhost:${target.port}`, `127.0.0.1:${target.port}`] });
      try {
        expect((await call(both, { url: `http://localhost:${target.port}/text` })).response?.text).to.equal(
          'hello GET',
        );
        expect((await call(portOnly, { url: `http://localhost:${target.port}/text` })).response?.text).to.equal(
          'hello GET',
        );
        const otherPort = await call(portOnly, { url: `http://localhost:${await closedPort()}/text` });
        expect(otherPort).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_REFUSED' });
      } finally {
        await both.close();
        await portOnly.close();
      }
    });

    it('with no allowedHosts (the default) nothing is reachable', async () => {
      const none = await startRuntime();
      try {
        expect(await call(none, { url: `${target.base}/text` })).to.include({
          ok: false,
          code: 'ERR_HTTP_CLIENT_REFUSED',
        });
      } finally {
        await none.close();
      }
    });
  });

  describe('time', () => {
    it('a call past httpClientTimeout throws ERR_HTTP_CLIENT_TIMEOUT; the script goes on', async () => {
      const quick = await startRuntime({ allowedHosts: ['127.0.0.1'], httpClientTimeout: 300 });
      try {
        const report = await call(quick, { url: `${target.base}/hang` });
        expect(report).to.include({ ok: false, name: 'HttpClientTimeoutError', code: 'ERR_HTTP_CLIENT_TIMEOUT' });
        expect(report.message).to.equal('http client: no complete response within 300 ms');
      } finally {
        await quick.close();
      }
    });

    it('a call never outlasts the run: its limit is what is left of the deadline', async () => {
      const short = await startRuntime({
        allowedHosts: ['127.0.0.1'],
        timeout: 400,
        deadline: 800,
        httpClientTimeout: 60_000,
      });
      try {
        const report = await call(short, { url: `${target.base}/hang` });
        expect(report).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_TIMEOUT' });
        const limit = Number(/within (\d+) ms/.exec(report.message ?? '')?.[1]);
        expect(limit).to.be.greaterThan(0).and.at.most(800);
      } finally {
        await short.close();
      }
    });
  });
});
