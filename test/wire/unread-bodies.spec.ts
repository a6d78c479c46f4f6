/**
 * Answers sent before the request's body has arrived (413 as the body passes `maxBodySize`, 404,
 * 403), on the wire, against clients whose body never ends: the connection must not stay open
 * for as long as the client keeps sending (Node drains an unread body until its own
 * `requestTimeout`, 300 s), which would let a client dodge `bodyTimeout` and `maxBodySize` by
 * sending to a path that is refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import sinon from 'sinon';
import { discardBody } from '../../main/server/request-body.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { rawConnect, sendChunksForever } from '../support/raw-http.js';

describe('wire: answers sent before the body has arrived', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ maxBodySize: 64 * 1024, bodyTimeout: 60_000 });
  });
  after(() => harness.close());

  const chunkedHead = (path: string, extra = '') =>
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n${extra}\r\n`;

  it('a chunked body that passes maxBodySize and keeps coming: 413 with Connection: close, and the connection ends', async () => {
    const connection = await rawConnect(harness.url);
    connection.write(chunkedHead('/services/js/request-echo.js'));
    const sending = sendChunksForever(connection);
    const answer = await connection.closed;
    expect(answer).to.match(/^HTTP\/1\.1 413 /);
    expect(answer).to.include('"code":"ERR_BODY_TOO_LARGE"');
    expect(answer).to.match(/\r\nConnection: close\r\n/i);
    // The limit and what the socket buffers held as the answer went out, not an endless stream.
    expect(sending.sent()).to.be.below(32 * 1024 * 1024);
  });

  for (const [what, path, extra, status] of [
    ['a script that does not exist (404)', '/services/js/no-such-script.js', '', 404],
    ['a cross-site request (403)', '/services/js/request-echo.js', 'Sec-Fetch-Site: cross-site\r\n', 403],
  ] as const) {
    it(`${what} whose body never ends: answered at once, and the connection is cut once the body passes maxBodySize`, async () => {
      const connection = await rawConnect(harness.url);
      connection.write(chunkedHead(path, extra));
      const sending = sendChunksForever(connection);
      const answer = await connection.closed;
      expect(answer).to.match(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(sending.sent()).to.be.below(32 * 1024 * 1024);
    });
  }

  it('a 404 whose body trickles: the connection is cut after bodyTimeout', async () => {
    const trickled = await startRuntime({ bodyTimeout: 300 });
    try {
      const connection = await rawConnect(trickled.url);
      connection.write(
        'POST /services/js/no-such-script.js HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a few bytes',
      );
      const answer = await connection.closed;
      expect(answer).to.match(/^HTTP\/1\.1 404 /);
    } finally {
      await trickled.close();
    }
  });

  it('a 404 whose short body follows at once keeps its connection: the next request on it is answered', async () => {
    const connection = await rawConnect(harness.url);
    connection.write(
      'POST /services/js/no-such-script.js HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' +
        'GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const answer = await connection.receivedMatch(/\r\n\r\nhello$/);
    expect(answer).to.match(/^HTTP\/1\.1 404 /);
    expect(answer).to.include('HTTP/1.1 200 OK');
    connection.socket.destroy();
  });
});

describe('discardBody', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => clock?.restore());

  it('a body that has drained stops its clock: the connection lives past bodyTimeout', async () => {
    const server = http.createServer((request, response) => {
      discardBody(request, response, { maxBodySize: 1024, bodyTimeout: 1000 });
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const connection = await rawConnect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      connection.write('POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
      await connection.receivedMatch(/^HTTP\/1\.1 404 [\s\S]*\r\n\r\n$/);
      // Past bodyTimeout: a clock left running would cut the connection now.
      clock.tick(5000);
      connection.write('GET /b HTTP/1.1\r\nHost: x\r\n\r\n');
      const answer = await connection.receivedMatch(/(HTTP\/1\.1 404 [\s\S]*){2}\r\n\r\n$/);
      expect(answer.match(/HTTP\/1\.1 404 /g)).to.have.length(2);
      connection.socket.destroy();
    } finally {
      server.close();
    }
  });
});
