/**
 * Requests Node's HTTP parser refuses, written by hand on the runtime's own server: request
 * smuggling shapes (`Content-Length` with `Transfer-Encoding`, two different `Content-Length`s,
 * obs-fold, a bare LF, an unknown transfer coding before `chunked`, an invalid chunk size), an
 * unknown method, a head over 16 KiB. Each is refused with `Connection: close`, the server logs one
 * line for it and goes on serving; a refusal after a good request on a keep-alive connection too.
 * A body that breaks the chunked framing once the runtime has taken its request is answered with
 * that request's `X-Request-Id`, and its access line (status and parser code) is its one line.
 * A transfer coding Node accepts but does not undo (`gzip, chunked`) is the runtime's to refuse.
 */
import { expect } from 'chai';
import { createRuntime } from '../../main/server/runtime.js';
import { capturedLogger, type CapturedLogger, LEVEL, type LogLine } from '../support/captured-logger.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { scriptsDir } from '../support/paths.js';
import { rawConnect } from '../support/raw-http.js';
import { until } from '../support/until.js';

const POST = 'POST /services/js/request-echo.js HTTP/1.1\r\nHost: x\r\n';

const REFUSED: Array<[string, string, number]> = [
  [
    'Content-Length and Transfer-Encoding together',
    `${POST}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    400,
  ],
  ['two different Content-Lengths', `${POST}Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde`, 400],
  ['two equal Content-Lengths', `${POST}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc`, 400],
  ['a Content-Length list', `${POST}Content-Length: 3, 3\r\n\r\nabc`, 400],
  ['obs-fold', `${POST}X-Folded: a\r\n b\r\nContent-Length: 3\r\n\r\nabc`, 400],
  ['bare LF line ends', 'POST /services/js/request-echo.js HTTP/1.1\nHost: x\nContent-Length: 3\n\nabc', 400],
  ['chunked not last', `${POST}Transfer-Encoding: chunked, gzip\r\n\r\nabc`, 400],
  ['Transfer-Encoding twice', `${POST}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400],
  ['an unknown method', 'BREW /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a space before the colon', 'GET /services/js/hello.js HTTP/1.1\r\nHost : x\r\n\r\n', 400],
  ['a head over 16 KiB', `GET /services/js/hello.js?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
];

/** Refused in the middle of the body, once the runtime has taken the request. */
const REFUSED_IN_BODY: Array<[string, string, number]> = [
  [
    'a chunk size over 64 bits',
    `${POST}Transfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n`,
    400,
  ],
  ['chunk data not ended by CRLF', `${POST}Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n`, 400],
  [
    'a chunk extension over 16 KiB',
    `${POST}Transfer-Encoding: chunked\r\n\r\n5;${'a'.repeat(20_000)}\r\nhello\r\n0\r\n\r\n`,
    413,
  ],
];

describe('wire: requests the HTTP parser refuses', () => {
  let harness: Harness;
  let log: CapturedLogger;
  before(async () => {
    log = capturedLogger('info');
    harness = await startRuntime({ logger: log.logger });
  });
  after(() => harness.close());

  /**
   * Sends `request` on a connection of its own and expects `status` with Connection: close; then
   * the next request is answered. Gives the answer's X-Request-Id and the one line logged for the
   * refusal (read once the next request's access line, which comes after it, is in).
   */
  async function refused(
    request: string,
    status: number,
  ): Promise<{ reqId: string | undefined; line: LogLine | undefined }> {
    const before = log.lines.length;
    const connection = await rawConnect(harness.url);
    connection.write(request);
    const answer = await connection.closed;
    expect(answer).to.match(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer).to.match(/\r\nConnection: close\r\n/);
    const reqId = /\r\nX-Request-Id: ([\w-]+)\r\n/.exec(answer)?.[1];
    expect(await (await fetch(`${harness.url}/services/js/hello.js`)).text()).to.equal('hello');
    await until(() => log.lines.slice(before).some((line) => line['path'] === '/services/js/hello.js'));
    const lines = log.lines.slice(before).filter((line) => line['path'] !== '/services/js/hello.js');
    expect(lines, JSON.stringify(lines)).to.have.length(1);
    return { reqId, line: lines[0] };
  }

  for (const [what, request, status] of REFUSED) {
    it(`${what}: ${status} with Connection: close, one log line, and the server goes on`, async () => {
      const { reqId, line } = await refused(request, status);
      expect(line).to.include({ level: LEVEL.info, component: 'http', status, reqId });
      expect(String(line?.['code'])).to.match(/^HPE_/);
    });
  }

  for (const [what, request, status] of REFUSED_IN_BODY) {
    it(`in the body, ${what}: ${status} with the request's X-Request-Id, its access line says so, and the server goes on`, async () => {
      // Before, the answer had no X-Request-Id and the access line said 499, "client went away".
      const { reqId, line } = await refused(request, status);
      expect(reqId).to.be.a('string');
      expect(line).to.include({ level: LEVEL.info, path: '/services/js/request-echo.js', status, reqId });
      expect(line).to.not.have.property('aborted');
      expect(String(line?.['code'])).to.match(/^HPE_/);
    });
  }

  it('a transfer coding besides chunked (gzip, chunked), which Node accepts: 501 ERR_TRANSFER_CODING, the script never sees the coded bytes', async () => {
    const connection = await rawConnect(harness.url);
    connection.write(
      `${POST}Content-Type: text/plain\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    );
    const answer = await connection.closed;
    expect(answer).to.match(/^HTTP\/1\.1 501 /);
    expect(answer).to.include('"code":"ERR_TRANSFER_CODING"');
    expect(answer).to.match(/\r\nConnection: close\r\n/);
  });

  it('garbage pipelined behind a whole request is not that request refusing: its access line has no parser code, the answer not its id', async () => {
    const before = log.lines.length;
    const connection = await rawConnect(harness.url);
    // One write: the parser meets the garbage while the good request is still being answered.
    connection.write(
      'GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\nBREW /services/js/hello.js HTTP/1.1\r\n\r\n',
    );
    const answer = await connection.closed;
    await until(() =>
      log.matching({ path: '/services/js/hello.js' }).some((line) => log.lines.indexOf(line) >= before),
    );
    const good = log.lines.slice(before).find((line) => line['path'] === '/services/js/hello.js');
    // Before, its line said 400 "refused by the HTTP parser: HPE_INVALID_METHOD", and the 400 carried its id.
    expect(good, JSON.stringify(good)).to.not.have.property('code');
    expect(good?.['status']).to.not.equal(400);
    expect(answer).to.not.include(`X-Request-Id: ${String(good?.['reqId'])}\r\nConnection: close`);
  });

  it('a keep-alive connection: a good request answered, then garbage refused with one line', async () => {
    const connection = await rawConnect(harness.url);
    connection.write('GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\n');
    await connection.receivedMatch(/\r\n\r\nhello$/);
    await until(() => log.matching({ path: '/services/js/hello.js' }).length > 0);
    const before = log.lines.length;
    connection.write('GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    const answer = await connection.closed;
    expect(answer).to.match(/hello\r?\n?HTTP\/1\.1 400 Bad Request\r\n/);
    await until(() => log.lines.length > before);
    expect(log.lines.slice(before)).to.have.length(1);
    expect(log.lines[before]).to.include({ component: 'http', status: 400 });
  });

  it('on a server listening on ::, its line names an IPv4 client as the access line does, not IPv4-mapped', async () => {
    const own = capturedLogger('info');
    const runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, logger: own.logger });
    try {
      const { port } = await runtime.listen(0, '::');
      const connection = await rawConnect(`http://127.0.0.1:${port}`);
      connection.write('BREW /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await connection.closed).to.match(/^HTTP\/1\.1 400 /);
      await until(() => own.matching({ component: 'http' }).length > 0);
      expect(own.matching({ component: 'http' })[0]).to.include({ status: 400, remoteAddress: '127.0.0.1' });
    } finally {
      await runtime.close();
    }
  });
});
