/**
 * `Expect: 100-continue` on the runtime's own server, on the wire: the client sends its head and
 * waits. `100 Continue` comes only when the runtime is about to read the body; a request refused
 * without its body (404, 403, a `Content-Length` over `maxBodySize`) gets its final answer at once,
 * with `Connection: close`, and never a `100 Continue` that would make the client send a body
 * nobody reads.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { rawConnect } from '../support/raw-http.js';

const head = (path: string, length: number, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n${extra}\r\n`;

describe('wire: Expect: 100-continue', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ maxBodySize: 1024 });
  });
  after(() => harness.close());

  it('to a script: 100 Continue, then the body is read and the script answers', async () => {
    const connection = await rawConnect(harness.url);
    connection.write(head('/services/js/request-echo.js', 5));
    await connection.receivedMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n$/);
    connection.write('hello');
    const answer = await connection.receivedMatch(/\}$/);
    connection.socket.destroy();
    expect(answer).to.match(/\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(answer).to.include('"text":"hello"');
  });

  for (const [what, request, status] of [
    ['a script that does not exist', head('/services/js/no-such-script.js', 5), 404],
    ['a cross-site request', head('/services/js/request-echo.js', 5, 'Sec-Fetch-Site: cross-site\r\n'), 403],
    ['a Content-Length over maxBodySize', head('/services/js/request-echo.js', 10_000), 413],
  ] as const) {
    it(`${what}: ${status} at once with Connection: close, and no 100 Continue`, async () => {
      const connection = await rawConnect(harness.url);
      connection.write(request);
      // The body is never sent: the answer must come without it, and the connection end.
      const answer = await connection.closed;
      expect(answer).to.match(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(answer).to.not.include('100 Continue');
      expect(answer).to.match(/\r\nConnection: close\r\n/);
    });
  }
});
