/**
 * What `close()` does to connections and to `listen`: a keep-alive client whose request is in
 * flight is told to close its connection (`Connection: close`), so it does not send its next
 * request on a connection the shutdown is about to end; a connection on which the client has sent
 * nothing yet (a browser's preconnect) is ended at once and holds nothing up; `listen` called as `close()` begins, or
 * after it, rejects with ERR_SHUTTING_DOWN and leaves no server listening; every server `listen`
 * started is closed.
 */
import net from 'node:net';
import { expect } from 'chai';
import { createRuntime } from '../../../main/server/runtime.js';
import { capturedLogger } from '../../support/captured-logger.js';
import { startRuntime } from '../../support/runtime-harness.js';
import { scriptsDir } from '../../support/paths.js';
import { until } from '../../support/until.js';

/** Sends `request` on a new connection and resolves with all the server sent once it ends the connection. */
async function exchange(url: string, request: string): Promise<{ sent: Promise<string>; socket: net.Socket }> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  const sent = new Promise<string>((resolve) => socket.once('end', () => resolve(received)));
  socket.write(request);
  return { sent, socket };
}

/** Resolves with the code of the error connecting to `url` gives, or `'connected'`. */
function connectOutcome(url: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('hardening: shutdown and connections', () => {
  it('a keep-alive request in flight at close() is answered with Connection: close, and its connection ends', async function () {
    this.timeout(30_000);
    const harness = await startRuntime({ workers: 1, timeout: 30_000 });
    const { sent, socket } = await exchange(
      harness.url,
      'GET /services/js/busy.js?ms=500 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
    );
    await until(() => harness.runtime.stats().busy > 0);
    const closed = harness.runtime.close();
    const answer = await sent;
    socket.destroy();
    await closed;
    expect(answer).to.match(/^HTTP\/1\.1 200 /);
    expect(answer).to.match(/\r\nConnection: close\r\n/i);
    expect(answer).to.not.match(/keep-alive/i);
    expect(answer.endsWith('\r\n\r\ndone')).to.equal(true);
  });

  it('a request whose head completes during the shutdown gets 503 ERR_SHUTTING_DOWN with Connection: close; its unread body holds nothing up', async function () {
    this.timeout(30_000);
    const harness = await startRuntime({ workers: 1, timeout: 30_000, shutdownTimeout: 20_000 });
    const { sent, socket } = await exchange(harness.url, 'POST /services/js/hello.js HTTP/1.1\r\nHost: x\r\n');
    // Another connection's answer shows the first one's head is being read.
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
    const closed = harness.runtime.close();
    socket.write('Content-Length: 1000\r\n\r\nx');
    const answer = await sent;
    socket.destroy();
    await closed;
    expect(answer).to.match(/^HTTP\/1\.1 503 /);
    expect(answer).to.match(/\r\nConnection: close\r\n/i);
    expect(answer).to.include('ERR_SHUTTING_DOWN');
  });

  it('a connection on which the client sent nothing (a browser opens them ahead of need) is ended at once and does not hold close() up', async function () {
    this.timeout(30_000);
    const harness = await startRuntime({ workers: 1, shutdownTimeout: 5000 });
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
    const socket = net.connect(Number(new URL(harness.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    const outcome = await harness.runtime.close().then(
      () => 'closed',
      (error: { code?: string }) => error.code,
    );
    await ended;
    expect(outcome).to.equal('closed');
  });

  it('listen() still starting when close() is called rejects with ERR_SHUTTING_DOWN; close() resolves', async () => {
    const runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    let outcome: unknown = 'pending';
    const listening = runtime.listen(0).then(
      (address) => {
        outcome = address;
      },
      (error: unknown) => {
        outcome = error;
      },
    );
    await runtime.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).to.have.property('code', 'ERR_SHUTTING_DOWN');
    await listening;
  });

  it('listen() after close() rejects with ERR_SHUTTING_DOWN and starts no server', async () => {
    const runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    await runtime.close();
    const outcome = await runtime.listen(0).then(
      (address) => address,
      (error: unknown) => error,
    );
    expect(outcome).to.have.property('code', 'ERR_SHUTTING_DOWN');
  });

  it('close() closes every server listen() started', async function () {
    this.timeout(30_000);
    const runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    const first = await runtime.listen(0);
    const second = await runtime.listen(0);
    await runtime.close();
    expect(await connectOutcome(first.url)).to.equal('ECONNREFUSED');
    expect(await connectOutcome(second.url)).to.equal('ECONNREFUSED');
  });

  it('logs the shutdown: its start with the requests in flight, each worker stopped, and its end', async function () {
    this.timeout(30_000);
    const log = capturedLogger('info');
    const harness = await startRuntime({ workers: 2, logger: log.logger });
    const running = harness.client().get('/services/js/busy.js?ms=200');
    await until(() => harness.runtime.stats().busy > 0);
    const closed = harness.runtime.close();
    expect((await running).status).to.equal(200);
    await closed;
    const messages = log.lines.map((line) => line.msg);
    const start = messages.indexOf('shutting down; requests in flight: 1');
    const stops = messages.flatMap((msg, at) => (/^sandbox worker \d+ stopped \(exit code 0\)$/.test(msg) ? [at] : []));
    expect(start).to.be.at.least(0);
    expect(stops).to.have.length(2);
    expect(messages.at(-1)).to.equal('stopped');
    expect(log.matching({ component: 'runtime', msg: 'stopped' })).to.have.length(1);
    expect(Math.min(...stops)).to.be.above(start);
  });
});
