/**
 * http/v4/client against hostile scripts and hosts: what one call makes the main process do is
 * bounded (the head of the request a script sends; the body of the answer is only moved, never
 * decoded or escaped there; what an answer takes beyond its body), and the server answers the
 * next request after each attack.
 */
import net, { type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { CLIENT_CALL_MAX_HEAD_BYTES, CLIENT_CALL_MAX_HEADERS } from '../../../common/host-call.js';
import { httpClientService } from '../../../main/http-client/http-client-service.js';
import { HTTP_CLIENT_DEFAULTS } from '../../../main/http-client/client-options.js';
import { ConnectionPool } from '../../../main/http-client/connection-pool.js';
import { MAX_WIRE_OVERHEAD_BYTES } from '../../../main/http-client/wire-budget.js';
import { callClientScript as call, clientCall } from '../../support/client-call.js';
import { startRuntime, type Harness } from '../../support/runtime-harness.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

/** `count` distinct headers of a script's options. */
function headers(count: number): Array<{ name: string; value: string }> {
  return Array.from({ length: count }, (_, i) => ({ name: `x-h${i}`, value: 'v' }));
}

describe('http/v4/client against hostile scripts and hosts', () => {
  let target: TargetServer;
  let harness: Harness;
  /** The connections of the services the specs make without a runtime. */
  const connections = new ConnectionPool();
  before(async () => {
    target = await startTargetServer();
    harness = await startRuntime({ allowedHosts: ['127.0.0.1'] });
  });
  after(async () => {
    await connections.close();
    await harness.close();
    await target.close();
  });

  afterEach(async () => {
    const next = await call(harness, { url: `${target.base}/text` });
    expect(next.response?.text, 'the next request').to.equal('hello GET');
  });

  describe('the head of the request a script sends', () => {
    it(`sends up to ${CLIENT_CALL_MAX_HEADERS} headers; more throw ERR_INVALID_ARG, and nothing is sent`, async () => {
      const within = await call(harness, { url: `${target.base}/echo`, options: { headers: headers(900) } });
      expect(within.response?.statusCode).to.equal(200);
      const before = target.seen.length;
      const over = await call(harness, {
        url: `${target.base}/echo`,
        options: { headers: headers(CLIENT_CALL_MAX_HEADERS + 1) },
      });
      expect(over).to.include({ ok: false, code: 'ERR_INVALID_ARG' });
      expect(over.message).to.include(`more than the ${CLIENT_CALL_MAX_HEADERS}`);
      expect(target.seen.length).to.equal(before);
    });

    it('counts a header given again once (it replaces the earlier value in its place)', async () => {
      const again = [...headers(CLIENT_CALL_MAX_HEADERS), { name: 'X-H0', value: 'last' }];
      const report = await call(harness, { url: `${target.base}/echo`, options: { headers: again } });
      expect(report.response?.statusCode).to.equal(200);
      expect(JSON.parse(report.response?.text ?? '{}').headers['x-h0']).to.equal('last');
    });

    it(`a URL, method and headers over ${CLIENT_CALL_MAX_HEAD_BYTES} bytes throw ERR_INVALID_ARG, even to a host not listed`, async () => {
      const before = target.seen.length;
      const longUrl = await call(harness, { url: `${target.base}/echo?${'a'.repeat(CLIENT_CALL_MAX_HEAD_BYTES)}` });
      expect(longUrl).to.include({ ok: false, code: 'ERR_INVALID_ARG' });
      expect(longUrl.message).to.include(`more than the ${CLIENT_CALL_MAX_HEAD_BYTES}`);
      const longValue = await call(harness, {
        url: `${target.base}/echo`,
        options: { headers: [{ name: 'X-Big', value: 'v'.repeat(CLIENT_CALL_MAX_HEAD_BYTES) }] },
      });
      expect(longValue).to.include({ ok: false, code: 'ERR_INVALID_ARG' });
      const longMethod = await call(harness, {
        fn: 'request',
        url: 'http://not-listed.example/',
        options: { method: 'M'.repeat(CLIENT_CALL_MAX_HEAD_BYTES) },
      });
      expect(longMethod).to.include({ ok: false, code: 'ERR_INVALID_ARG' });
      expect(longMethod.message?.length).to.be.below(200);
      expect(target.seen.length).to.equal(before);
    });
  });

  describe('the body of the answer', () => {
    const service = () => httpClientService({ allowedHosts: ['127.0.0.1'], ...HTTP_CLIENT_DEFAULTS }, connections);

    it('crosses from the main process as the bytes that came: the worker decodes text, nothing is JSON-escaped', async () => {
      const answer = await service()(clientCall(`${target.base}/text`), new Uint8Array(0), []);
      expect(answer.reply).to.include({ ok: true, text: true, binary: false });
      expect(Buffer.from(answer.body ?? []).toString('latin1')).to.equal('hello GET');
    });

    it('text in its charset (ISO-8859-1, UTF-16LE; an unknown one read as UTF-8); control characters intact', async () => {
      const cases: Array<[string, Buffer, string]> = [
        ['text/plain; charset=ISO-8859-1', Buffer.from([0xfc]), 'ü'],
        ['text/plain; charset="utf-16le"', Buffer.from('é€', 'utf16le'), 'é€'],
        ['application/json; charset=x-absurd', Buffer.from('"é"'), '"é"'],
        ['text/plain', Buffer.alloc(100_000, 1), '\u0001'.repeat(100_000)],
      ];
      for (const [type, body, text] of cases) {
        const url = `${target.base}/answer?${encodeURIComponent(type)}`;
        const report = await call(harness, { fn: 'post', url, options: { data: [...body] } });
        expect(report.response?.text, type).to.equal(text);
      }
    });
  });

  describe('a hostile host: what an answer takes beyond its body is bounded', () => {
    /** A server that answers every request with `head` once, then `flood` without end. */
    async function flooding(head: string, flood: string): Promise<{ url: string; close(): Promise<void> }> {
      const block = Buffer.from(flood.repeat(Math.ceil(65_536 / flood.length)));
      const sockets = new Set<net.Socket>();
      const server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
        socket.once('data', () => {
          socket.write(head);
          const write = () => {
            while (!socket.destroyed && socket.write(block));
          };
          socket.on('drain', write);
          write();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}/`,
        close: async () => {
          for (const socket of sockets) socket.destroy();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    }

    for (const [kind, head, flood] of [
      ['informational (103) responses without end', '', 'HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n'],
      [
        'a body in one-byte chunks',
        'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n',
        '1\r\na\r\n',
      ],
    ] as const) {
      it(`${kind}: ERR_HTTP_CLIENT_FAILED once past ${MAX_WIRE_OVERHEAD_BYTES} bytes beyond the body`, async () => {
        const host = await flooding(head, flood);
        try {
          const report = await call(harness, { url: host.url });
          expect(report).to.include({ ok: false, code: 'ERR_HTTP_CLIENT_FAILED' });
          expect(report.message).to.include(`more than ${MAX_WIRE_OVERHEAD_BYTES} bytes beyond its body`);
        } finally {
          await host.close();
        }
      });
    }
  });

  describe('the main process checks the head again (a worker runs hostile code)', () => {
    const service = httpClientService({ allowedHosts: ['127.0.0.1'], ...HTTP_CLIENT_DEFAULTS }, connections);

    it('refuses a call with too many headers or too large a head, before any connection', async () => {
      const before = target.seen.length;
      const many = clientCall(`${target.base}/echo`, {
        headers: headers(CLIENT_CALL_MAX_HEADERS + 1).map(({ name, value }) => [name, value]),
      });
      await expectInvalid(service(many, new Uint8Array(0), []));
      const long = clientCall(`${target.base}/${'a'.repeat(CLIENT_CALL_MAX_HEAD_BYTES)}`);
      await expectInvalid(service(long, new Uint8Array(0), []));
      expect(target.seen.length).to.equal(before);
    });
  });
});

async function expectInvalid(answer: Promise<unknown>): Promise<void> {
  const error = await answer.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).to.have.property('code', 'ERR_INVALID_ARG');
}
