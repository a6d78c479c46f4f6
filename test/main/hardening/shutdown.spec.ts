/**
 * Issue 14, failure 6: shutdown is bounded. A client trickling a body (or a store that does not
 * answer) cannot hold `close()` past `shutdownTimeout`: it then cuts everything off and rejects
 * with ERR_SHUTDOWN_TIMEOUT; the CLI exits non-zero.
 */
import net from 'node:net';
import { expect } from 'chai';
import { startRuntime } from '../../support/runtime-harness.js';
import { scriptsDir } from '../../support/paths.js';
import { buildDist, startServeProcess } from '../../support/serve-process.js';

/** Opens a connection that sends headers announcing a body and then one byte of it, never the rest. */
async function trickle(url: string): Promise<net.Socket> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  socket.on('error', () => undefined);
  // Read what comes (the 503 of a request arriving during shutdown), so the socket can see its end.
  socket.resume();
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('POST /services/js/hello.js HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nx');
  return socket;
}

describe('hardening: bounded shutdown', () => {
  it('close() with a client trickling a body rejects with ERR_SHUTDOWN_TIMEOUT after shutdownTimeout', async function () {
    this.timeout(30_000);
    const harness = await startRuntime({ shutdownTimeout: 500 });
    const socket = await trickle(harness.url);
    // A request on another connection is answered: by then the trickling one is being read.
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
    const closed = await harness.close().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(closed).to.have.property('code', 'ERR_SHUTDOWN_TIMEOUT');
    await new Promise((resolve) => (socket.destroyed ? resolve(undefined) : socket.once('close', resolve)));
  });

  it('close() without stragglers resolves', async function () {
    this.timeout(30_000);
    const harness = await startRuntime({ shutdownTimeout: 5000 });
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
    await harness.close();
  });

  it('the CLI: SIGTERM with a trickling client exits with code 1 after --shutdown-timeout, saying so in one line', async function () {
    this.timeout(120_000);
    await buildDist();
    const serve = await startServeProcess(scriptsDir, ['--workers', '1', '--shutdown-timeout', '500']);
    const socket = await trickle(serve.url);
    // As above: once another connection is answered, the trickling request is being read (one that
    // arrived after the signal would get its 503 with Connection: close and hold nothing up).
    expect(await (await fetch(`${serve.url}/services/js/hello.js`)).text()).to.equal('hello');
    expect(await serve.stop()).to.equal(1);
    socket.destroy();
    expect(serve.stderr()).to.equal(
      'dirigible-session serve: ERR_SHUTDOWN_TIMEOUT: shutdown did not finish within 500 ms (shutdownTimeout); cut off\n',
    );
  });

  it('the CLI: SIGINT delivered twice at once (the process group and npm or the bin shim forwarding it) is one graceful stop', async function () {
    this.timeout(120_000);
    await buildDist();
    const serve = await startServeProcess(scriptsDir, ['--workers', '1', '--shutdown-timeout', '1500']);
    const socket = await trickle(serve.url);
    expect(await (await fetch(`${serve.url}/services/js/hello.js`)).text()).to.equal('hello');
    serve.signal('SIGINT');
    await serve.printed(/shutting down/);
    // The second copy of the same Ctrl-C: the shutdown goes on and ends as a graceful one does
    // (here cut off after --shutdown-timeout by the trickling client), not killed by the signal.
    serve.signal('SIGINT');
    expect(await serve.ended()).to.deep.equal({ code: 1, signal: null });
    socket.destroy();
    expect(serve.stderr()).to.match(/ERR_SHUTDOWN_TIMEOUT: shutdown did not finish within 1500 ms/);
  });
});
