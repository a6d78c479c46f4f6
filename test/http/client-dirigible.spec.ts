/**
 * http/v4/client against what Dirigible's client (HttpClientFacade over Apache HttpClient 4)
 * sends and answers, through a real runtime and a raw local server: headers as spelled and
 * repeated, trace(), no body on HEAD/204, the redirect rules of its DefaultRedirectStrategy,
 * setHeader's replacing, the bodies of POST/PUT/PATCH (forms included) and none on DELETE, and
 * a text body in the charset its Content-Type names.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { type ClientCallReport, callClientScript } from '../support/client-call.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface Echo {
  method: string;
  url: string;
  /** The request's raw headers, `[name, value, …]` as received. */
  raw: string[];
  /** The body, base64. */
  body: string;
}

/** A server answering by path; /echo reports the request as received. */
async function startServer(): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const redirect = /^\/redirect\/(\d{3})$/.exec(path);
      if (redirect !== null) {
        response.writeHead(Number(redirect[1]), { Location: '/echo' }).end();
        return;
      }
      if (path === '/headers') {
        response.writeHead(200, [
          ['X-Mixed-Case', 'one'],
          ['X-Twice', 'a'],
          ['Content-Type', 'text/plain'],
          ['X-Twice', 'b'],
        ]);
        response.end('ok');
        return;
      }
      if (path === '/broken') {
        // Announces 100 bytes, sends 10, and breaks the connection off.
        response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100' });
        response.write('0123456789', () => response.socket?.destroy());
        return;
      }
      if (path === '/no-content') {
        response.writeHead(204, { 'Content-Type': 'text/plain' }).end();
        return;
      }
      const echo: Echo = {
        method: request.method ?? '',
        url: request.url ?? '',
        raw: request.rawHeaders,
        body: Buffer.concat(chunks).toString('base64'),
      };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The raw headers as `{ lower-case name: value }` (the last of a repeated one). */
function headerMap(raw: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) map[(raw[i] as string).toLowerCase()] = raw[i + 1] as string;
  return map;
}

describe("http/v4/client as Dirigible's HttpClientFacade", () => {
  let server: { base: string; close(): Promise<void> };
  let harness: Harness;
  before(async () => {
    server = await startServer();
    harness = await startRuntime({ allowedHosts: ['127.0.0.1'] });
  });
  after(async () => {
    await harness.close();
    await server.close();
  });

  function call(fn: string, path: string, options?: unknown): Promise<ClientCallReport> {
    return callClientScript(harness, { fn, url: `${server.base}${path}`, options });
  }
  async function echo(fn: string, options?: unknown): Promise<Echo> {
    const report = await call(fn, '/echo', options);
    expect(report.ok, report.message).to.equal(true);
    return JSON.parse(report.response?.text ?? '{}') as Echo;
  }

  it("response headers as the server sent them: names as spelled, in order, a repeated one apart (Apache's getAllHeaders)", async () => {
    const { response } = await call('get', '/headers');
    const sent = response?.headers.filter((header) => header.name.startsWith('X-') || header.name === 'Content-Type');
    expect(sent).to.deep.equal([
      { name: 'X-Mixed-Case', value: 'one' },
      { name: 'X-Twice', value: 'a' },
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'X-Twice', value: 'b' },
    ]);
  });

  it('an answer whose body breaks off is ERR_HTTP_CLIENT_FAILED, which the script can catch', async () => {
    const report = await call('get', '/broken');
    expect(report).to.deep.include({ ok: false, code: 'ERR_HTTP_CLIENT_FAILED' });
  });

  it("trace() sends TRACE, as Dirigible's client.trace does", async () => {
    expect((await echo('trace')).method).to.equal('TRACE');
  });

  it('HEAD and 204 answer neither text nor data (no entity on Dirigible)', async () => {
    for (const [fn, path] of [
      ['head', '/headers'],
      ['get', '/no-content'],
    ] as const) {
      const { response } = await call(fn, path);
      expect(response, `${fn} ${path}`).to.not.have.property('text');
      expect(response, `${fn} ${path}`).to.not.have.property('data');
      expect(response?.binary).to.equal(false);
    }
  });

  it('redirects: 303 is followed as a GET; 302 and 307 only for GET and HEAD, else the 3xx is the answer', async () => {
    const redirectsEnabled = true;
    const seeOther = await call('post', '/redirect/303', { text: 'x', redirectsEnabled });
    expect(seeOther.response?.statusCode).to.equal(200);
    const seen = JSON.parse(seeOther.response?.text ?? '{}') as Echo;
    expect(seen.method).to.equal('GET');
    expect(headerMap(seen.raw)).to.not.have.property('content-type');
    for (const status of ['301', '302', '307', '308']) {
      const posted = await call('post', `/redirect/${status}`, { text: 'x', redirectsEnabled });
      expect(posted.response?.statusCode, `POST ${status}`).to.equal(Number(status));
      const put = await call('put', `/redirect/${status}`, { text: 'x', redirectsEnabled });
      expect(put.response?.statusCode, `PUT ${status}`).to.equal(Number(status));
      const got = await call('get', `/redirect/${status}`, { redirectsEnabled });
      expect(JSON.parse(got.response?.text ?? '{}').method, `GET ${status}`).to.equal('GET');
    }
  });

  it("request headers: as spelled, a name given again replaces the value (setHeader); no Accept-Encoding or fetch's own", async () => {
    const seen = await echo('get', {
      headers: [
        { name: 'X-Token', value: 'first' },
        { name: 'X-Other', value: 'o' },
        { name: 'x-token', value: 'second' },
      ],
    });
    const names = seen.raw.filter((_, index) => index % 2 === 0);
    expect(names.filter((name) => name.toLowerCase().startsWith('x-'))).to.deep.equal(['X-Token', 'X-Other']);
    const headers = headerMap(seen.raw);
    expect(headers['x-token']).to.equal('second');
    for (const added of ['accept-encoding', 'sec-fetch-mode', 'accept-language'])
      expect(headers, added).to.not.have.property(added);
  });

  it("a script's Host, Content-Length and connection headers are dropped: the client sets its own", async () => {
    const seen = await echo('get', {
      headers: [
        { name: 'Host', value: 'other.example' },
        { name: 'Content-Length', value: '5' },
        { name: 'Connection', value: 'close' },
        { name: 'X-Kept', value: 'k' },
      ],
    });
    const headers = headerMap(seen.raw);
    expect(headers['host']).to.equal(new URL(server.base).host);
    expect(headers).to.not.have.property('content-length');
    expect(headers['connection']).to.equal('keep-alive');
    expect(headers['x-kept']).to.equal('k');
  });

  it('PUT and PATCH send params as a form too; POST, PUT, PATCH without a body send an empty form', async () => {
    for (const fn of ['put', 'patch']) {
      const seen = await echo(fn, { params: [{ name: 'a', value: 'b c' }] });
      expect(seen.url, fn).to.equal('/echo?a=b c'.replace(' ', '%20'));
      expect(headerMap(seen.raw)['content-type'], fn).to.equal('application/x-www-form-urlencoded');
      expect(Buffer.from(seen.body, 'base64').toString(), fn).to.equal('a=b+c');
    }
    for (const fn of ['post', 'put', 'patch']) {
      const seen = await echo(fn);
      expect(headerMap(seen.raw), fn).to.include({
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '0',
      });
    }
  });

  it('DELETE sends no body, as Dirigible (its HttpDelete has no entity)', async () => {
    const seen = await echo('delete', { text: 'ignored' });
    expect(seen.body).to.equal('');
    expect(headerMap(seen.raw)).to.not.have.property('content-type');
  });

  it('a text body is written in the charset its Content-Type names', async () => {
    const latin = await echo('post', { text: 'ü€', characterEncoding: 'ISO-8859-1' });
    expect(headerMap(latin.raw)['content-type']).to.equal('text/plain; charset=ISO-8859-1');
    expect([...Buffer.from(latin.body, 'base64')]).to.deep.equal([0xfc, 0x3f]);
    const named = await echo('put', { text: 'ü', contentType: 'text/csv; charset=utf-8' });
    expect([...Buffer.from(named.body, 'base64')]).to.deep.equal([0xc3, 0xbc]);
    const unknown = await call('post', '/echo', { text: 'x', characterEncoding: 'KOI8-R' });
    expect(unknown).to.include({ ok: false, code: 'ERR_INVALID_ARG' });
  });

  it('data that is not bytes, a param that is not { name, value }: ERR_INVALID_ARG, nothing sent (Gson refuses them on Dirigible)', async () => {
    for (const data of ['abc', 42, { length: 1, 0: 'x' }, [300], [-129], [1.5], ['1']]) {
      const report = await call('post', '/echo', { data });
      expect(report, JSON.stringify(data)).to.include({ ok: false, name: 'TypeError', code: 'ERR_INVALID_ARG' });
    }
    for (const params of [[null], ['a=b']]) {
      const report = await call('get', '/echo', { params });
      expect(report, JSON.stringify(params)).to.include({ ok: false, name: 'TypeError', code: 'ERR_INVALID_ARG' });
    }
    const signed = await echo('post', { data: [-1, 0, 255] });
    expect([...Buffer.from(signed.body, 'base64')]).to.deep.equal([255, 0, 255]);
  });
});
