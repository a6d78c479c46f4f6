/**
 * The metrics and probe paths take their turn on a connection like every other request
 * (connection-turn.ts). A metrics answer is some 13 KB for a 40-byte request: served side by side,
 * a client pipelining them without reading made the main process hold each answer in memory
 * (10 MB of such requests grew it by 270 MB). Now the connection is not read while one waits, and
 * a request body sent to them drains within the body limits as a 404's does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { scriptsDir } from '../../support/paths.js';
import { rawConnect, sendChunksForever, statuses } from '../../support/raw-http.js';

describe('hardening: pipelined metrics and probe requests', () => {
  let runtime: Runtime;
  let server: http.Server;
  let url: string;
  /** The responses to metrics requests the server was given. */
  let metricsResponses: http.ServerResponse[];

  beforeEach(async () => {
    runtime = createRuntime({
      root: scriptsDir,
      workers: 1,
      sweepInterval: 0,
      log: () => undefined,
      metricsPath: '/metrics',
      livenessPath: '/live',
      maxBodySize: 1000,
    });
    metricsResponses = [];
    server = http.createServer((request, response) => {
      if (request.url === '/metrics') metricsResponses.push(response);
      runtime.handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await runtime.ready();
  });

  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await runtime.close().catch(() => undefined);
  });

  it('a client pipelining metrics requests without reading: one answered at a time, none piled up in memory', async function () {
    this.timeout(60_000);
    const connection = await rawConnect(url);
    try {
      connection.socket.pause();
      connection.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(100_000));
      // Another client's 100 requests, one after another, give the server time to read.
      for (let index = 0; index < 100; index++) expect((await fetch(`${url}/live`)).status).to.equal(200);
      expect(metricsResponses.length).to.be.above(1);
      // Before, the runtime answered every request of each read at once (over a thousand): the
      // answers waited in memory for a client that never reads.
      expect(metricsResponses.filter((response) => response.writableEnded).length).to.be.below(3);
    } finally {
      connection.socket.destroy();
    }
  });

  it('pipelined probe requests are answered in order, each once it is its turn', async () => {
    const connection = await rawConnect(url);
    connection.write('GET /live HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(5));
    const answer = await connection.receivedMatch(/(\{"status":"ok"\}[\s\S]*){5}/);
    connection.socket.destroy();
    expect(statuses(answer)).to.deep.equal([200, 200, 200, 200, 200]);
  });

  it('a probe request whose body never ends: answered, and the connection is cut once the body passes maxBodySize', async () => {
    const connection = await rawConnect(url);
    connection.write('POST /live HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
    // Before, Node drained the body for as long as the client sent it (its requestTimeout, 300 s).
    const sending = sendChunksForever(connection);
    const answer = await connection.closed;
    expect(answer).to.match(/^HTTP\/1\.1 405 /);
    expect(sending.sent()).to.be.below(32 * 1024 * 1024);
  });
});
