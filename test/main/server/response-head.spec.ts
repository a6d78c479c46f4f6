/**
 * The head of a script's response, written on a real Node HTTP server and read back raw: the same
 * head on the runtime's own server (one flat `writeHead`) and on an embedder's (header by header,
 * next to a header of theirs such as Express's `X-Powered-By`, replacing theirs of the same name,
 * and readable by their middleware), with repeated names kept; Dirigible's no-cache headers unless
 * the script, or middleware in front, named the caching.
 */
import { expect } from 'chai';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sentContentType, writeResponseHead } from '../../../main/server/response-head.js';
import { RuntimeResponse } from '../../../main/server/runtime-response.js';

type Pairs = Array<[string, string]>;

/** Serves one response whose head `writeResponseHead` writes; gives the raw header pairs the client read. */
async function headOf(
  status: number,
  headers: Pairs,
  cookies: Pairs,
  body: string,
  before?: (response: ServerResponse) => void,
  after?: (response: ServerResponse) => void,
): Promise<{ status: number; pairs: Pairs; body: string }> {
  // The runtime's own server, unless the response is an embedder's (it has something `before`).
  const options = before === undefined ? { ServerResponse: RuntimeResponse } : {};
  const server = http.createServer(options, (_request: IncomingMessage, response: ServerResponse) => {
    before?.(response);
    writeResponseHead(response, { status, headers, cookies, bodyLength: Buffer.byteLength(body), requestId: 'req-1' });
    after?.(response);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
          const pairs: Pairs = [];
          for (let i = 0; i < response.rawHeaders.length; i += 2)
            pairs.push([response.rawHeaders[i] as string, response.rawHeaders[i + 1] as string]);
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, pairs, body: text }));
        })
        .on('error', reject);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The pairs without the ones Node adds itself. */
function ours(pairs: Pairs): Pairs {
  return pairs.filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name.toLowerCase()));
}

const scriptHeaders: Pairs = [
  ['X-Two', 'a'],
  ['Content-Length', '999'],
  ['X-Two', 'b'],
  ['Transfer-Encoding', 'chunked'],
];
const cookies: Pairs = [
  ['Set-Cookie', 'JSESSIONID=abc; Path=/; HttpOnly'],
  ['Set-Cookie', 'pref=dark; Path=/'],
];

describe('response head', () => {
  it("on the runtime's own server: request id, the script headers in order (framing ones dropped), cookies, type, length", async () => {
    const { status, pairs, body } = await headOf(201, scriptHeaders, cookies, 'héllo');
    expect(status).to.equal(201);
    expect(body).to.equal('héllo');
    expect(ours(pairs)).to.deep.equal([
      ['X-Request-Id', 'req-1'],
      ['X-Two', 'a'],
      ['X-Two', 'b'],
      ['Set-Cookie', 'JSESSIONID=abc; Path=/; HttpOnly'],
      ['Set-Cookie', 'pref=dark; Path=/'],
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate'],
      ['Pragma', 'no-cache'],
      ['Expires', '0'],
      ['Content-Length', '6'],
    ]);
  });

  it("on an embedder's server, next to a header of theirs (as Express sets X-Powered-By): nothing of either side is lost", async () => {
    const { status, pairs } = await headOf(201, scriptHeaders, cookies, 'héllo', (response) =>
      response.setHeader('X-Powered-By', 'Express'),
    );
    expect(status).to.equal(201);
    const found = ours(pairs);
    expect(found).to.deep.include.members([
      ['X-Powered-By', 'Express'],
      ['X-Request-Id', 'req-1'],
      ['Set-Cookie', 'JSESSIONID=abc; Path=/; HttpOnly'],
      ['Set-Cookie', 'pref=dark; Path=/'],
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', '6'],
    ]);
    expect(found.filter(([name]) => name === 'X-Two').map(([, value]) => value)).to.satisfy(
      (values: string[]) => values.join(', ') === 'a, b',
    );
    expect(found.some(([name]) => name.toLowerCase() === 'transfer-encoding')).to.equal(false);
  });

  it("on an embedder's server, a script header replaces theirs of the same name; cookies and Vary add up", async () => {
    const { pairs } = await headOf(
      200,
      [
        ['x-frame-options', 'DENY'],
        ['X-Two', 'a'],
        ['X-Two', 'b'],
        ['Vary', 'Cookie'],
      ],
      cookies,
      '',
      (response) => {
        response.setHeader('X-Frame-Options', 'SAMEORIGIN');
        response.setHeader('X-Two', 'theirs');
        response.setHeader('Vary', 'Origin');
        response.setHeader('Set-Cookie', 'app.sid=1; Path=/');
      },
    );
    const values = (name: string) =>
      ours(pairs)
        .filter(([key]) => key.toLowerCase() === name)
        .map(([, value]) => value);
    expect(values('x-frame-options')).to.deep.equal(['DENY']);
    expect(values('x-two').join(', ')).to.equal('a, b');
    expect(values('vary').join(', ')).to.equal('Origin, Cookie');
    expect(values('set-cookie')).to.deep.equal(['app.sid=1; Path=/', ...cookies.map(([, value]) => value)]);
  });

  it("on an embedder's server without headers of theirs, their middleware can read ours", async () => {
    let read: unknown[] = [];
    const { pairs } = await headOf(
      200,
      [],
      [],
      'hello',
      () => undefined,
      (response) => (read = [response.getHeader('content-length'), response.getHeader('x-request-id')]),
    );
    expect(read).to.deep.equal([5, 'req-1']);
    expect(ours(pairs)).to.deep.include.members([
      ['X-Request-Id', 'req-1'],
      ['Content-Length', '5'],
    ]);
  });

  for (const touched of [false, true]) {
    const where = touched ? "on an embedder's server" : "on the runtime's own server";
    it(`keeps a type the script set, in any case, and adds none to an empty body (${where})`, async () => {
      const before = touched ? (response: ServerResponse) => response.setHeader('X-Powered-By', 'Express') : undefined;
      const typed = await headOf(200, [['content-TYPE', 'application/json']], [], '{}', before);
      expect(ours(typed.pairs).filter(([name]) => name.toLowerCase() === 'content-type')).to.have.length(1);
      expect(ours(typed.pairs).find(([name]) => name.toLowerCase() === 'content-type')?.[1]).to.equal(
        'application/json',
      );
      const empty = await headOf(204, [], [], '', before);
      expect(ours(empty.pairs).some(([name]) => name.toLowerCase() === 'content-type')).to.equal(false);
    });

    it(`sends a text type the script set without a charset as UTF-8, the encoding of its text (${where})`, async () => {
      const before = touched ? (response: ServerResponse) => response.setHeader('X-Powered-By', 'Express') : undefined;
      const html = await headOf(200, [['Content-Type', 'text/html']], [], 'Grüße', before);
      expect(ours(html.pairs).filter(([name]) => name.toLowerCase() === 'content-type')).to.deep.equal([
        ['Content-Type', 'text/html; charset=utf-8'],
      ]);
    });

    it(`adds Dirigible's no-cache headers unless a header names the caching, and none to a 304 (${where})`, async () => {
      const before = touched ? (response: ServerResponse) => response.setHeader('X-Powered-By', 'Express') : undefined;
      const caching = (pairs: Pairs) =>
        ours(pairs).filter(([name]) => ['cache-control', 'pragma', 'expires'].includes(name.toLowerCase()));
      expect(caching((await headOf(303, [['Location', 'login.js']], [], '', before)).pairs)).to.deep.equal([
        ['Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate'],
        ['Pragma', 'no-cache'],
        ['Expires', '0'],
      ]);
      const own = await headOf(200, [['cache-control', 'max-age=60']], [], 'x', before);
      expect(caching(own.pairs)).to.deep.equal([['cache-control', 'max-age=60']]);
      const expires = await headOf(200, [['Expires', 'Thu, 01 Jan 2037 00:00:00 GMT']], [], 'x', before);
      expect(caching(expires.pairs)).to.deep.equal([['Expires', 'Thu, 01 Jan 2037 00:00:00 GMT']]);
      expect(caching((await headOf(304, [['ETag', '"v1"']], [], '', before)).pairs)).to.deep.equal([]);
    });
  }

  it("keeps the caching headers of the app's middleware in front (on an embedder's server)", async () => {
    const { pairs } = await headOf(200, [], [], 'x', (response) => response.setHeader('Cache-Control', 'private'));
    expect(ours(pairs).filter(([name]) => /^(cache-control|pragma|expires)$/i.test(name))).to.deep.equal([
      ['Cache-Control', 'private'],
    ]);
  });

  it('declares UTF-8 only for text types that name no charset', () => {
    expect(sentContentType('text/plain')).to.equal('text/plain; charset=utf-8');
    expect(sentContentType('TEXT/CSV; header=present')).to.equal('TEXT/CSV; header=present; charset=utf-8');
    expect(sentContentType('text/html;charset=ISO-8859-1')).to.equal('text/html;charset=ISO-8859-1');
    expect(sentContentType('text/html; Charset="utf-8"')).to.equal('text/html; Charset="utf-8"');
    expect(sentContentType('application/json')).to.equal('application/json');
    expect(sentContentType('image/png')).to.equal('image/png');
  });
});
