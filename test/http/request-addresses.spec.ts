/**
 * The addresses `http/v4/request` reports on a server that listens on IPv4 and IPv6 at once (`::`,
 * Node's default without a host): an IPv4 client is `127.0.0.1`, as a servlet container reports
 * it, not the IPv4-mapped `::ffff:127.0.0.1` Node's socket gives; and a request without a Host
 * (HTTP/1.0) gets the address it arrived on as server name, and a URL that parses, which
 * `response.encodeURL` takes for the application's.
 */
import { expect } from 'chai';
import net from 'node:net';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import { scriptsDir } from '../support/paths.js';

const SCRIPT = '/services/js/request/addresses.js';

interface Addresses {
  remoteAddress: string;
  remoteHost: string;
  localAddress: string;
  serverName: string;
  localName: string;
  requestURL: string;
  ownUrlEncoded: boolean;
}

/** The JSON body of a raw HTTP/1.0 request without a Host header, sent to `host`:`port`. */
function withoutHost(host: string, port: number): Promise<Addresses> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => socket.write(`GET ${SCRIPT} HTTP/1.0\r\n\r\n`));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Addresses));
  });
}

describe('request addresses on a dual-stack server', () => {
  let runtime: Runtime;
  let port: number;
  before(async function () {
    runtime = createRuntime({ root: scriptsDir, workers: 1, sweepInterval: 0, urlRewriting: true, log: () => {} });
    try {
      ({ port } = await runtime.listen(0, '::'));
    } catch {
      // A machine without IPv6 cannot listen on '::': nothing here to check.
      await runtime.close();
      this.skip();
    }
    await runtime.ready();
  });
  after(() => runtime?.close());

  it('reports an IPv4 client and the address it came to as IPv4, as a servlet container does', async () => {
    const seen = (await (await fetch(`http://127.0.0.1:${port}${SCRIPT}`)).json()) as Addresses;
    expect(seen).to.deep.equal({
      remoteAddress: '127.0.0.1',
      remoteHost: '127.0.0.1',
      localAddress: '127.0.0.1',
      serverName: '127.0.0.1',
      localName: '127.0.0.1',
      requestURL: `http://127.0.0.1:${port}${SCRIPT}`,
      ownUrlEncoded: true,
    });
  });

  it('names the server by the IPv4 address a request without Host came to, in a URL that parses', async () => {
    const seen = await withoutHost('127.0.0.1', port);
    expect(seen.serverName).to.equal('127.0.0.1');
    expect(seen.localName).to.equal('127.0.0.1');
    expect(seen.requestURL).to.equal(`http://127.0.0.1:${port}${SCRIPT}`);
    expect(seen.ownUrlEncoded, 'encodeURL(getRequestURL())').to.equal(true);
  });

  it('writes an IPv6 server address in brackets in the URL of a request without Host', async function () {
    let seen: Addresses;
    try {
      seen = await withoutHost('::1', port);
    } catch {
      this.skip();
    }
    expect(seen.remoteAddress).to.equal('::1');
    expect(seen.serverName).to.equal('::1');
    expect(seen.requestURL).to.equal(`http://[::1]:${port}${SCRIPT}`);
    expect(new URL(seen.requestURL).pathname).to.equal(SCRIPT);
    expect(seen.ownUrlEncoded, 'encodeURL(getRequestURL())').to.equal(true);
  });
});
