/**
 * Clients that go away in the middle of a request, on the wire: one that stops half way through
 * its body, one whose body breaks the chunked framing (Node's parser answers 400 and drops the
 * connection). Either is a client's doing: the operator sees the request's access line, marked
 * aborted, and no error line (an attacker must not be able to write error lines with stacks at
 * will), and the server goes on serving.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import { capturedLogger, LEVEL, type CapturedLogger } from '../support/captured-logger.js';
import { scriptsDir } from '../support/paths.js';
import { rawConnect } from '../support/raw-http.js';
import { until } from '../support/until.js';

describe('wire: clients that go away mid-request', () => {
  let runtime: Runtime;
  let server: http.Server;
  let url: string;
  let log: CapturedLogger;

  beforeEach(async () => {
    log = capturedLogger('info');
    runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, logger: log.logger });
    // Embedded in a plain http server, so the spec can tell when the runtime has the request.
    server = http.createServer(runtime.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await runtime.ready();
  });
  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await runtime.close();
  });

  /** Sends `head` and the start of a body, waits until the runtime has the request, then `then`. */
  async function abandon(head: string, then: (connection: Awaited<ReturnType<typeof rawConnect>>) => void) {
    const connection = await rawConnect(url);
    const handling = once(server, 'request');
    connection.write(head);
    await handling;
    then(connection);
    await until(() => log.matching({ path: '/services/js/request-echo.js' }).length > 0);
    // The next request's answer comes after everything the abandoned one set off.
    const next = await fetch(`${url}/services/js/hello.js`);
    expect(await next.text()).to.equal('hello');
  }

  function expectOneAbortedLine(): void {
    const lines = log.lines.filter(
      (line) => line['path'] === '/services/js/request-echo.js' || line.level >= LEVEL.warn,
    );
    expect(lines, JSON.stringify(log.lines)).to.have.length(1);
    // Nothing was answered: the status is nginx's 499 (client closed request), not Node's default 200.
    expect(lines[0]).to.include({ level: LEVEL.info, aborted: true, status: 499 });
  }

  it('a client that stops half way through its body: one access line, aborted, and no error line', async () => {
    await abandon(
      'POST /services/js/request-echo.js HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly ten b',
      (connection) => connection.socket.destroy(),
    );
    expectOneAbortedLine();
  });

  it('a chunked body with an invalid chunk size (400 from the parser): one access line, aborted, and no error line', async () => {
    await abandon(
      'POST /services/js/request-echo.js HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n',
      (connection) => connection.write('zz\r\nabc\r\n0\r\n\r\n'),
    );
    expectOneAbortedLine();
  });

  it("a client that goes away while its script runs: one access line (499, aborted, the script named), the run's session write kept, its session lock released", async () => {
    await runtime.close();
    runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, logger: log.logger, sessionLock: true });
    server.removeAllListeners('request');
    server.on('request', runtime.handler);
    await runtime.ready();
    const first = await fetch(`${url}/services/js/slow-set.js?set=before&value=1`);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const connection = await rawConnect(url);
    connection.write(
      `GET /services/js/slow-set.js?spin=300&set=during&value=2 HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n\r\n`,
    );
    await until(() => runtime.stats().busy > 0);
    connection.socket.destroy();
    // The next request of the session waits for the lock the abandoned run holds, then sees its write.
    const next = await fetch(`${url}/services/js/slow-set.js`, { headers: { cookie } });
    expect(await next.json()).to.deep.equal({ namesBefore: ['before', 'during'] });
    const lines = log.lines.filter((line) => line['path'] === '/services/js/slow-set.js' || line.level >= LEVEL.warn);
    expect(lines, JSON.stringify(lines)).to.have.length(3);
    expect(lines.filter((line) => line['aborted'] === true)).to.have.length(1);
    expect(lines.find((line) => line['aborted'] === true)).to.include({ status: 499, script: 'slow-set.js' });
  });
});
