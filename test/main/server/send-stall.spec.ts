/**
 * closeWhenStalled: a response whose connection hands nothing on for `sendTimeout` has its
 * connection destroyed; one that keeps handing bytes on, however slowly, is never cut.
 * (The real never-reading client is in test/main/hardening/overload.spec.ts.)
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import sinon from 'sinon';
import { closeWhenStalled } from '../../../main/server/send-stall.js';

/** A connection whose unsent bytes the spec sets, as Node's buffer plus libuv's write queue. */
class FakeConnection {
  writableLength = 8 * 1024 * 1024;
  _handle = { writeQueueSize: 4 * 1024 * 1024 };
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
}

function fakeResponse(socket: FakeConnection | null): ServerResponse {
  return Object.assign(new EventEmitter(), { socket }) as unknown as ServerResponse;
}

describe('closeWhenStalled (sendTimeout)', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  });
  afterEach(() => clock.restore());

  it('destroys the connection of a response its client took nothing of for sendTimeout', () => {
    const socket = new FakeConnection();
    let told = 0;
    closeWhenStalled(fakeResponse(socket), 1000, () => {
      told++;
      expect(socket.destroyed, 'told before the connection is destroyed').to.equal(false);
    });
    clock.tick(750);
    expect(socket.destroyed).to.equal(false);
    clock.tick(250);
    expect(socket.destroyed).to.equal(true);
    expect(told).to.equal(1);
    clock.tick(5000);
    expect(told).to.equal(1);
  });

  it('never cuts a client that takes some bytes within every sendTimeout, however long the whole takes', () => {
    const socket = new FakeConnection();
    closeWhenStalled(fakeResponse(socket), 1000, () => {});
    for (let second = 0; second < 60; second++) {
      clock.tick(900);
      socket._handle.writeQueueSize -= 64 * 1024;
    }
    expect(socket.destroyed).to.equal(false);
    // Node's buffer handing a finished write on counts too.
    clock.tick(900);
    socket.writableLength -= 1024 * 1024;
    clock.tick(900);
    expect(socket.destroyed).to.equal(false);
    clock.tick(1000);
    expect(socket.destroyed).to.equal(true);
  });

  it('stops watching when the response closes (sent, or its connection ended)', () => {
    const socket = new FakeConnection();
    const response = fakeResponse(socket);
    closeWhenStalled(response, 1000, () => {});
    response.emit('close');
    clock.tick(10_000);
    expect(socket.destroyed).to.equal(false);
    expect(clock.countTimers()).to.equal(0);
  });

  it('does nothing for a response without a connection', () => {
    closeWhenStalled(fakeResponse(null), 1000, () => {});
    expect(clock.countTimers()).to.equal(0);
  });
});
