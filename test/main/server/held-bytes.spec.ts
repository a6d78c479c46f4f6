/**
 * The count of response bytes held for clients, on a real HTTP server: a response the kernel took
 * whole is released at once; one a client does not read stays counted until its connection ends;
 * one reserved but ended later (an error answered instead) is released when it closes.
 */
import { expect } from 'chai';
import http, { type ServerResponse } from 'node:http';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { HeldResponseBytes } from '../../../main/server/held-bytes.js';

describe('HeldResponseBytes', () => {
  let server: http.Server;
  let port: number;
  let answer: (response: ServerResponse) => void;

  before(async () => {
    server = http.createServer((_request, response) => answer(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  /** A client that sends one GET and reads nothing; resolves once the server has answered it. */
  function stalledClient(): Promise<net.Socket> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.pause();
      const answered = answer;
      answer = (response) => {
        answered(response);
        resolve(socket);
      };
    });
  }

  it('releases a small response as soon as it is sent', async () => {
    const held = new HeldResponseBytes(1024, 60_000);
    let during = -1;
    answer = (response) => {
      held.reserve(5);
      response.end('hello');
      held.releaseWhenSent(response, 5, { sendTimedOut: false });
      during = held.held;
    };
    const text = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(text).to.equal('hello');
    expect(during).to.equal(0);
  });

  it('keeps counting a large response a client does not read, until its connection ends', async () => {
    const held = new HeldResponseBytes(64 * 1024 * 1024, 60_000);
    const size = 32 * 1024 * 1024;
    let closed: Promise<unknown> = Promise.resolve();
    answer = (response) => {
      closed = once(response, 'close');
      held.reserve(size);
      response.end(Buffer.alloc(size));
      held.releaseWhenSent(response, size, { sendTimedOut: false });
    };
    const socket = await stalledClient();
    expect(held.held).to.equal(size);
    expect(() => held.reserve(size * 2))
      .to.throw()
      .with.property('code', 'ERR_OVERLOADED');
    socket.destroy();
    await closed;
    expect(held.held).to.equal(0);
  });

  it('releases a reservation whose response is ended later, when it closes', async () => {
    const held = new HeldResponseBytes(1024, 60_000);
    let closed: Promise<unknown> = Promise.resolve();
    answer = (response) => {
      held.reserve(100);
      held.releaseWhenSent(response, 100, { sendTimedOut: false });
      expect(held.held).to.equal(100);
      closed = once(response, 'close');
      setImmediate(() => response.end('answered later'));
    };
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).to.equal('answered later');
    await closed;
    expect(held.held).to.equal(0);
  });
});
