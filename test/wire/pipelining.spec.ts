/**
 * HTTP/1.1 pipelining on the wire: a client writes many requests on one connection without waiting
 * for the answers. The answers come in order (RFC 9112, 9.3.2), and the requests of one connection
 * are served one after another, as the client sent them: RFC 9112 allows parallel processing only
 * for safe methods, and a client that pipelines two POSTs of one session expects the second to see
 * the first's writes. It also keeps one connection from filling the run queue (`maxQueue`) ahead
 * of every other client, and a client that pipelines and goes away leaves nothing to run.
 * Checked on the runtime's own server, embedded in a plain `http` server, and in Express 5.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import { capturedLogger, type CapturedLogger } from '../support/captured-logger.js';
import { scriptsDir } from '../support/paths.js';
import { rawConnect, statuses } from '../support/raw-http.js';
import { until } from '../support/until.js';
import { startRuntime } from '../support/runtime-harness.js';

interface Served {
  url: string;
  runtime: Runtime;
  log: CapturedLogger;
  close(): Promise<void>;
}

function stopping(server: http.Server): void {
  server.closeAllConnections();
  server.close();
}

async function listening(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const SERVERS: Record<string, (runtime: Runtime) => Promise<{ url: string; stop(): void }>> = {
  "the runtime's own server": async (runtime) => ({ url: (await runtime.listen(0, '127.0.0.1')).url, stop() {} }),
  'a plain http server': async (runtime) => {
    const server = http.createServer(runtime.handler);
    const url = await listening(server);
    return { url, stop: () => stopping(server) };
  },
  'Express 5': async (runtime) => {
    const app = express();
    app.get('/app/ping', (_req, res) => {
      res.send('pong');
    });
    app.use(runtime.handler);
    const server = http.createServer(app);
    const url = await listening(server);
    return { url, stop: () => stopping(server) };
  },
};

/** The bodies of the 200 answers in `text`, in order (each a short text with a Content-Length). */
function bodies(text: string): string[] {
  return [...text.matchAll(/Content-Length: (\d+)\r\n(?:[^\r\n]*\r\n)*?\r\n/gi)].map((match) =>
    text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + Number(match[1])),
  );
}

for (const [kind, start] of Object.entries(SERVERS)) {
  describe(`wire: pipelined requests (${kind})`, () => {
    let served: Served;
    beforeEach(async () => {
      const log = capturedLogger('info');
      const runtime = createRuntime({ root: scriptsDir, workers: 2, sweepInterval: 0, logger: log.logger });
      const { url, stop } = await start(runtime);
      await runtime.ready();
      served = {
        url,
        runtime,
        log,
        close: async () => {
          stop();
          await runtime.close();
        },
      };
    });
    afterEach(() => served.close());

    it('20 pipelined POSTs of one session each increment its counter: all count, answered in order', async () => {
      const first = await fetch(`${served.url}/services/js/hardening/counter.js`);
      expect(await first.text()).to.equal('1');
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const connection = await rawConnect(served.url);
      const post = `POST /services/js/hardening/counter.js HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nContent-Length: 0\r\n\r\n`;
      connection.write(post.repeat(20));
      const answer = await connection.receivedMatch(/\r\n\r\n21$/);
      connection.socket.destroy();
      expect(statuses(answer)).to.deep.equal(Array(20).fill(200));
      expect(bodies(answer)).to.deep.equal(Array.from({ length: 20 }, (_, index) => String(index + 2)));
    });

    it('one connection pipelining 60 runs holds one at a time; when it goes away, the runs it left never start', async function () {
      this.timeout(30_000);
      const connection = await rawConnect(served.url);
      connection.write('GET /services/js/busy.js?ms=20 HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(60));
      let most = 0;
      const sample = setInterval(() => {
        const stats = served.runtime.stats();
        most = Math.max(most, stats.queued + stats.held.reduce((sum, held) => sum + held, 0));
      }, 1);
      try {
        await connection.receivedMatch(/(done[\s\S]*){3}/);
        connection.socket.destroy();
        await until(() => served.log.matching({ path: '/services/js/busy.js' }).length === 60);
        await until(() => served.runtime.stats().busy === 0 && served.runtime.stats().queued === 0);
      } finally {
        clearInterval(sample);
      }
      expect(most).to.equal(1);
      const ran = served.log.matching({ path: '/services/js/busy.js', script: 'busy.js' });
      expect(ran.length).to.be.within(3, 5);
    });
  });
}

describe('wire: pipelined requests and maxBufferedBytes', () => {
  it('a client that pipelines requests for a large body and goes away: the bytes counted for them are given back', async function () {
    this.timeout(60_000);
    const harness = await startRuntime({ workers: 1, maxBufferedBytes: 4 * 1024 * 1024 });
    try {
      for (let round = 0; round < 3; round++) {
        const connection = await rawConnect(harness.url);
        connection.write('GET /services/js/hardening/big-body.js?mb=2 HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(6));
        await connection.receivedMatch(/^HTTP\/1\.1 200 /);
        connection.socket.destroy();
        await until(() => harness.runtime.stats().busy === 0 && harness.runtime.stats().queued === 0);
      }
      // Before, every pipelined answer made after its client left stayed counted for ever: past
      // maxBufferedBytes every answer with a body got 503 ERR_OVERLOADED until a restart.
      const after = await harness.client().get('/services/js/hardening/big-body.js?mb=2');
      expect(after.status, after.text.slice(0, 200)).to.equal(200);
    } finally {
      await harness.close();
    }
  });
});

describe('wire: a connection that pipelines without end', () => {
  it('the server reads no further than the requests waiting their turn: 200,000 pipelined requests, none read', async function () {
    this.timeout(60_000);
    const runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
    let received = 0;
    const server = http.createServer((request, response) => {
      received += 1;
      runtime.handler(request, response);
    });
    const url = await listening(server);
    await runtime.ready();
    const connection = await rawConnect(url);
    try {
      connection.socket.pause();
      // 9 MB of requests, buffered on the client's side as far as the server does not take them.
      connection.write('GET /services/js/hello.js HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(200_000));
      // Another client's 200 requests, one after another, give the server time to read.
      for (let index = 0; index < 200; index++)
        expect(await (await fetch(`${url}/services/js/hello.js`)).text()).to.equal('hello');
      // Before, Node parsed every request it was sent, each waiting for its turn in memory (about a
      // gigabyte for these 9 MB); now it stops reading while requests wait.
      expect(received - 200).to.be.below(5000);
    } finally {
      connection.socket.destroy();
      stopping(server);
      // A server that did read everything may take past shutdownTimeout to drop it: the assertion above tells.
      await runtime.close().catch(() => undefined);
    }
  });
});
