/**
 * A 204 or 304 has no body (RFC 9110 §6.4.1) even when its script printed something: the answer
 * carries no `Content-Length` for bytes that never follow, so a proxy reading two pipelined answers
 * on one connection stays in step, and the access log counts no body bytes.
 */
import { once } from 'node:events';
import net from 'node:net';
import { expect } from 'chai';
import { capturedLogger } from '../../support/captured-logger.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('statuses without a body', () => {
  let harness: Harness;
  const captured = capturedLogger('info');
  before(async () => {
    harness = await startRuntime({ logger: captured.logger });
  });
  after(() => harness.close());

  for (const status of [204, 304]) {
    it(`${status}: no Content-Length and no body, two pipelined answers read apart, 0 bytes logged`, async () => {
      const port = Number(new URL(harness.url).port);
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const request = `GET /services/js/no-content.js?status=${status} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
      socket.write(request + request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      await once(socket, 'close');
      const heads = answer.split('\r\n\r\n');
      // Two heads, and after each nothing but the next head (or the end).
      expect(heads).to.have.length(3);
      expect(heads[2]).to.equal('');
      for (const head of heads.slice(0, 2)) {
        expect(head).to.match(new RegExp(`^HTTP/1\\.1 ${status} `));
        expect(head.toLowerCase()).to.not.include('content-length');
      }
      const logged = captured.matching({ status }).filter((line) => line.msg.includes('no-content.js'));
      expect(logged.map((line) => line.bytes)).to.deep.equal([0, 0]);
    });
  }
});
