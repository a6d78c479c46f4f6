/**
 * RFC 9112 §3.2: a server answers 400 to a request with more than one `Host` line or a `Host` that
 * is no host. Node's parser takes the first of two, where a proxy in front may have routed on the
 * other, and the scripts' URLs and the cross-site check read it: the runtime refuses both shapes
 * before any script or session work (`ERR_INVALID_HOST`), and takes every well-formed host.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { rawConnect, statuses } from '../support/raw-http.js';

const target = 'GET /services/js/hello.js HTTP/1.1\r\n';

/** Sends `head` (request line and headers, without the blank line) and reads the one answer. */
async function answerTo(harness: Harness, head: string): Promise<string> {
  const connection = await rawConnect(harness.url);
  connection.write(`${head}Connection: close\r\n\r\n`);
  return connection.closed;
}

describe('wire: the Host header', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const refused: Array<[string, string]> = [
    ['two Host lines', `${target}Host: good.example\r\nHost: evil.example\r\n`],
    ['two Host lines, spelled differently', `${target}host: good.example\r\nHOST: good.example\r\n`],
    ['a Host with a path', `${target}Host: good.example/admin\r\n`],
    ['a Host with user info', `${target}Host: user@good.example\r\n`],
    ['a Host with a space', `${target}Host: good example\r\n`],
    ['a Host with a port that is no number', `${target}Host: good.example:80a\r\n`],
  ];
  for (const [what, head] of refused) {
    it(`${what}: 400 ERR_INVALID_HOST, the script does not run`, async () => {
      const answer = await answerTo(harness, head);
      expect(statuses(answer)).to.deep.equal([400]);
      expect(answer).to.include('"code":"ERR_INVALID_HOST"');
      expect(answer).to.not.match(/\r\n\r\nhello$/);
    });
  }

  const taken: Array<[string, string]> = [
    ['a name', 'good.example'],
    ['a name and port', 'good.example:8080'],
    ['an IPv4 address and port', '127.0.0.1:80'],
    ['an IPv6 literal and port', '[::1]:8080'],
    ['an empty port', 'good.example:'],
    ['an empty Host', ''],
  ];
  for (const [what, host] of taken) {
    it(`${what} (${JSON.stringify(host)}) is served`, async () => {
      const answer = await answerTo(harness, `${target}Host: ${host}\r\n`);
      expect(statuses(answer)).to.deep.equal([200]);
      expect(answer).to.match(/\r\n\r\nhello$/);
    });
  }

  it('an HTTP/1.0 request without Host is served', async () => {
    const answer = await answerTo(harness, 'GET /services/js/hello.js HTTP/1.0\r\n');
    expect(answer).to.match(/^HTTP\/1\.1 200 /);
    expect(answer).to.match(/\r\n\r\nhello$/);
  });
});
