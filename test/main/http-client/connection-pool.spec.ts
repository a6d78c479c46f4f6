/**
 * The HTTP client's kept-alive connections (connection-pool.ts), against real servers on
 * loopback: calls to one origin share a connection, the pool keeps to its bounds, a pooled socket
 * keeps the address vetted when it connected and a new one is vetted again, a connection the
 * server closed does not fail the next call that may be repeated, and closing leaves no socket.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { expect } from 'chai';
import type { HttpClientAnswer, HttpClientCall } from '../../../common/host-call.js';
import { HTTP_CLIENT_DEFAULTS } from '../../../main/http-client/client-options.js';
import { CONNECTION_POOL_DEFAULTS, ConnectionPool } from '../../../main/http-client/connection-pool.js';
import { httpClientService } from '../../../main/http-client/http-client-service.js';
import type { Resolver } from '../../../main/http-client/pinned-lookup.js';
import { MAX_WIRE_OVERHEAD_BYTES } from '../../../main/http-client/wire-budget.js';
import { callClientScript, clientCall } from '../../support/client-call.js';
import { startRuntime } from '../../support/runtime-harness.js';

/** A loopback server that counts its connections and the requests in progress at once. */
interface CountingServer {
  base: string;
  port: number;
  /** Connections accepted. */
  connections: number;
  /** Requests it is answering now. */
  atOnce: number;
  /** Most requests it was answering at one time. */
  mostAtOnce: number;
  /** Its connections still open. */
  sockets: Set<net.Socket>;
  /** Resolves once it is answering `count` requests at one time. */
  answering(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a server on `host` whose `/slow` answers once `release` is called (or at once when
 * nothing holds it), `/head-or-204` answers 204, `/chunks?n` sends a body of `n` one-byte chunks,
 * and anything else `ok`.
 */
async function countingServer(
  host = '127.0.0.1',
  options: { keepAliveTimeout?: number; port?: number } = {},
): Promise<CountingServer & { hold(): () => void }> {
  let held: Promise<void> = Promise.resolve();
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    state.atOnce++;
    state.mostAtOnce = Math.max(state.mostAtOnce, state.atOnce);
    for (const wait of waiting) if (state.atOnce >= wait.count) wait.resolve();
    response.on('finish', () => state.atOnce--);
    const url = new URL(request.url ?? '/', 'http://x');
    request.resume();
    request.on('end', () => {
      if (url.pathname === '/slow') void held.then(() => response.end('slow'));
      else if (url.pathname === '/no-content') {
        response.statusCode = 204;
        response.end();
      } else if (url.pathname === '/chunks') {
        response.setHeader('Content-Type', 'application/octet-stream');
        for (let i = 0; i < Number(url.search.slice(1)); i++) response.write('a');
        response.end();
      } else {
        // With its length, as most servers send it: Node's server closes a HEAD's connection without it.
        response.setHeader('Content-Length', 2);
        response.end('ok');
      }
    });
  });
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  server.on('connection', (socket: net.Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const state = {
    base: `http://${host}:${port}`,
    port,
    connections: 0,
    atOnce: 0,
    mostAtOnce: 0,
    sockets,
    answering: (count: number) =>
      new Promise<void>((resolve) => {
        if (state.atOnce >= count) resolve();
        else waiting.push({ count, resolve });
      }),
    hold: () => {
      let release = (): void => undefined;
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

/** A service allowing `allowedHosts` on `pool`; `send(url, overrides)` makes a call and gives its status or error code. */
function clientOn(pool: ConnectionPool, allowedHosts = ['127.0.0.1'], resolve?: Resolver) {
  const service = httpClientService({ ...HTTP_CLIENT_DEFAULTS, allowedHosts }, pool, resolve);
  return async (url: string, overrides: Partial<HttpClientCall> = {}): Promise<number | string> => {
    try {
      const answer = await service(clientCall(url, overrides), new Uint8Array(0), []);
      return (answer.reply as HttpClientAnswer).statusCode;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };
}

/** Connections of this process to `127.0.0.1:port` still established (Linux: /proc/net/tcp). */
function establishedTo(port: number): number {
  const wanted = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2] === wanted && fields[3] === '01').length;
}

describe('http client connection pool', () => {
  let pool: ConnectionPool;
  let server: CountingServer & { hold(): () => void };
  beforeEach(async () => {
    pool = new ConnectionPool();
    server = await countingServer();
  });
  afterEach(async () => {
    await pool.close();
    await server.close();
  });

  it('documents its bounds: 32 sockets per origin, 256 in all, closed after 4 s idle', () => {
    expect(CONNECTION_POOL_DEFAULTS).to.deep.equal({ maxSocketsPerOrigin: 32, maxSockets: 256, idleMs: 4000 });
  });

  it('sequential calls to one origin share one connection: GET, POST, HEAD, and a 204', async () => {
    const send = clientOn(pool);
    for (let i = 0; i < 5; i++) expect(await send(`${server.base}/`)).to.equal(200);
    expect(await send(`${server.base}/`, { method: 'POST', hasBody: true })).to.equal(200);
    for (let i = 0; i < 3; i++) expect(await send(`${server.base}/`, { method: 'HEAD' })).to.equal(200);
    for (let i = 0; i < 3; i++) expect(await send(`${server.base}/no-content`)).to.equal(204);
    expect(server.connections).to.equal(1);
    expect(pool.openSockets).to.equal(1);
  });

  it('concurrent calls to one origin keep to the cap per origin; those past it wait for a socket', async () => {
    const small = new ConnectionPool({ ...CONNECTION_POOL_DEFAULTS, maxSocketsPerOrigin: 2 });
    try {
      const send = clientOn(small);
      const release = server.hold();
      const calls = Array.from({ length: 6 }, () => send(`${server.base}/slow`));
      // The first two reach the server; the others wait for one of their sockets.
      await server.answering(2);
      release();
      expect(await Promise.all(calls)).to.deep.equal([200, 200, 200, 200, 200, 200]);
      expect(server.connections).to.equal(2);
      expect(server.mostAtOnce).to.equal(2);
    } finally {
      await small.close();
    }
  });

  it('with every socket taken, closes an idle one of another origin rather than make a call wait for it', async () => {
    const others = [await countingServer('127.0.0.2'), await countingServer('127.0.0.3')];
    // Idle sockets stay for 4 s (the servers' `Keep-Alive: timeout=5` less a second): within its
    // 2 s, the third origin's call gets a socket only by closing another's.
    const small = new ConnectionPool({ ...CONNECTION_POOL_DEFAULTS, maxSockets: 2, idleMs: 60_000 });
    try {
      const send = clientOn(small, ['127.0.0.1', '127.0.0.2', '127.0.0.3']);
      expect(await send(`${server.base}/`)).to.equal(200);
      expect(await send(`${others[0]?.base}/`)).to.equal(200);
      expect(await send(`${others[1]?.base}/`, { timeoutMs: 2000 })).to.equal(200);
      expect(small.openSockets).to.be.at.most(2);
    } finally {
      await small.close();
      for (const other of others) await other.close();
    }
  });

  it('a pooled socket keeps the address vetted when it connected; a new one is vetted again (DNS rebinding)', async () => {
    // rebind.test answers the listed 127.0.0.2 first, then 127.0.0.3, which allowedHosts does not list.
    const allowed = await countingServer('127.0.0.2');
    const forbidden = await countingServer('127.0.0.3', { port: allowed.port });
    const lookups: string[] = [];
    const resolve: Resolver = (_name, _options, callback) => {
      const address = lookups.length === 0 ? '127.0.0.2' : '127.0.0.3';
      lookups.push(address);
      const answer: LookupAddress[] = [{ address, family: 4 }];
      process.nextTick(callback, null, answer);
    };
    try {
      const send = clientOn(pool, ['rebind.test', '127.0.0.2'], resolve);
      const url = `http://rebind.test:${allowed.port}/`;
      for (let i = 0; i < 3; i++) expect(await send(url)).to.equal(200);
      expect(lookups).to.deep.equal(['127.0.0.2']);
      // Two at once: one reuses the vetted socket, the other needs a new one and is refused.
      const release = allowed.hold();
      const both = [send(`${url}slow`), send(`${url}slow`)];
      const refused = await Promise.race(both);
      release();
      expect(refused).to.equal('ERR_HTTP_CLIENT_REFUSED');
      expect((await Promise.all(both)).sort()).to.deep.equal([200, 'ERR_HTTP_CLIENT_REFUSED']);
      // Once the server drops the vetted socket, the next call looks the name up again.
      const closed = [...allowed.sockets].map((socket) => once(socket, 'close'));
      for (const socket of allowed.sockets) socket.destroy();
      await Promise.all(closed);
      // The client sees the end of its socket a turn or two of the event loop later.
      for (let turn = 0; turn < 100 && pool.openSockets > 0; turn++) await new Promise(setImmediate);
      expect(pool.openSockets).to.equal(0);
      expect(await send(url)).to.equal('ERR_HTTP_CLIENT_REFUSED');
      expect(forbidden.connections).to.equal(0);
      expect(allowed.connections).to.equal(1);
    } finally {
      await allowed.close();
      await forbidden.close();
    }
  });

  describe('a kept-alive connection the server closed', () => {
    /**
     * A server that answers the first request of each connection, keeping it alive, and resets
     * the connection at the second, unanswered, as a server closing an idle connection just as a
     * request arrives; `requests` lists what it received, per connection.
     */
    async function resettingServer(): Promise<{ base: string; requests: string[][]; close(): Promise<void> }> {
      const requests: string[][] = [];
      const sockets = new Set<net.Socket>();
      const server = net.createServer((socket) => {
        const mine: string[] = [];
        requests.push(mine);
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
        socket.on('data', (data: Buffer) => {
          mine.push(data.toString('latin1').split(' ')[0] ?? '');
          if (mine.length === 1)
            socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=60\r\n\r\nok');
          else socket.resetAndDestroy();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: async () => {
          for (const socket of sockets) socket.destroy();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    }

    it('a GET (or HEAD, OPTIONS, TRACE, DELETE) is sent again, once, on a new connection', async () => {
      const resetting = await resettingServer();
      try {
        const send = clientOn(pool);
        expect(await send(`${resetting.base}/`)).to.equal(200);
        expect(await send(`${resetting.base}/`)).to.equal(200);
        expect(resetting.requests).to.deep.equal([['GET', 'GET'], ['GET']]);
      } finally {
        await resetting.close();
      }
    });

    it('a POST is not sent again: the server may have carried it out; the call fails', async () => {
      const resetting = await resettingServer();
      try {
        const send = clientOn(pool);
        expect(await send(`${resetting.base}/`)).to.equal(200);
        expect(await send(`${resetting.base}/`, { method: 'POST', hasBody: true })).to.equal('ERR_HTTP_CLIENT_FAILED');
        expect(resetting.requests).to.deep.equal([['GET', 'POST']]);
      } finally {
        await resetting.close();
      }
    });

    it('a server that closes idle connections quickly does not fail the next call', async () => {
      const quick = await countingServer('127.0.0.1', { keepAliveTimeout: 20 });
      try {
        const send = clientOn(pool);
        expect(await send(`${quick.base}/`)).to.equal(200);
        // The server closes the idle connection; the next call gets a new one.
        await Promise.all([...quick.sockets].map((socket) => once(socket, 'close')));
        expect(await send(`${quick.base}/`)).to.equal(200);
        expect(quick.connections).to.equal(2);
      } finally {
        await quick.close();
      }
    });
  });

  it('an answer that is not read to its end does not go back to the pool: a timeout, a body too large', async () => {
    const send = clientOn(pool);
    server.hold();
    expect(await send(`${server.base}/slow`, { timeoutMs: 50 })).to.equal('ERR_HTTP_CLIENT_TIMEOUT');
    const service = httpClientService(
      { ...HTTP_CLIENT_DEFAULTS, allowedHosts: ['127.0.0.1'], httpClientMaxResponseSize: 10 },
      pool,
    );
    const tooLarge = await service(clientCall(`${server.base}/chunks?100`), new Uint8Array(0), []).catch(
      (error: { code?: string }) => error.code,
    );
    expect(tooLarge).to.equal('ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE');
    expect(await send(`${server.base}/`)).to.equal(200);
    expect(server.connections).to.equal(3);
  });

  it('the wire budget is per call: a kept-alive socket may carry more than it over many calls', async () => {
    const send = clientOn(pool);
    // Each answer takes about 100 KiB beyond its body (one-byte chunks); twelve take more than the budget.
    const chunks = Math.ceil(MAX_WIRE_OVERHEAD_BYTES / 10 / 5);
    for (let i = 0; i < 12; i++) expect(await send(`${server.base}/chunks?${chunks}`)).to.equal(200);
    expect(server.connections).to.equal(1);
  });

  it('5000 calls at full speed to one origin all succeed, on no more sockets than the cap', async () => {
    const send = clientOn(pool);
    const statuses = new Map<number | string, number>();
    let next = 0;
    const caller = async () => {
      while (next++ < 5000) {
        const status = await send(`${server.base}/`);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 64 }, caller));
    expect(Object.fromEntries(statuses)).to.deep.equal({ 200: 5000 });
    expect(server.connections).to.be.at.most(CONNECTION_POOL_DEFAULTS.maxSocketsPerOrigin);
  });

  it('close() closes every socket, and no call opens one after it', async () => {
    // A server that keeps idle connections for two minutes, and a pool that would too.
    const patient = await countingServer('127.0.0.1', { keepAliveTimeout: 120_000 });
    const own = new ConnectionPool({ ...CONNECTION_POOL_DEFAULTS, idleMs: 120_000 });
    try {
      const send = clientOn(own);
      expect(await send(`${patient.base}/`)).to.equal(200);
      expect(own.openSockets).to.equal(1);
      await own.close();
      expect(own.openSockets).to.equal(0);
      expect(establishedTo(patient.port)).to.equal(0);
      expect(await send(`${patient.base}/`)).to.equal('ERR_HTTP_CLIENT_FAILED');
      expect(own.openSockets).to.equal(0);
    } finally {
      await patient.close();
    }
  });

  it('close() with a GET in flight on a kept-alive connection fails the call; it is not sent again on a new one', async () => {
    const send = clientOn(pool);
    expect(await send(`${server.base}/`)).to.equal(200);
    const release = server.hold();
    const inFlight = send(`${server.base}/slow`);
    await server.answering(1);
    await pool.close();
    release();
    expect(await inFlight).to.equal('ERR_HTTP_CLIENT_FAILED');
    expect(server.connections, 'connections the server accepted').to.equal(1);
    expect(pool.openSockets).to.equal(0);
  });

  it("the runtime's close() leaves no connection of the pool open", async () => {
    const harness = await startRuntime({ allowedHosts: ['127.0.0.1'] });
    const report = await callClientScript(harness, { url: `${server.base}/` });
    expect(report.response?.statusCode).to.equal(200);
    expect(establishedTo(server.port), 'the pooled connection').to.equal(1);
    await harness.close();
    expect(establishedTo(server.port)).to.equal(0);
  });
});
