/**
 * Request bodies: what Express body parsers already read reaches the script as Dirigible shows it,
 * and no request hangs on a body (`bodyTimeout`, 408), not even the runtime's shutdown.
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import express from 'express';
import sinon from 'sinon';
import { encodeParsedBody, formEncode } from '../../../main/server/parsed-body.js';
import { readBody } from '../../../main/server/request-body.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir } from '../../support/express-app.js';

interface Echo {
  text: string;
  json: unknown;
  parameters: Record<string, string[]>;
}

/** Sends raw request bytes and resolves with everything the server answered before closing. */
async function rawExchange(port: number, head: string, body: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(head + body);
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  await once(socket, 'close');
  return answer;
}

describe('request bodies', () => {
  describe('encodeParsedBody', () => {
    it('gives JSON text for parsed JSON, form text for a parsed form, and strings and bytes as they are', () => {
      expect(encodeParsedBody({ a: [1, { b: true }] }, 'application/json').toString()).to.equal('{"a":[1,{"b":true}]}');
      expect(encodeParsedBody({ a: '1', b: ['x', 'y'] }, 'application/x-www-form-urlencoded').toString()).to.equal(
        'a=1&b=x&b=y',
      );
      expect(encodeParsedBody('plain é', 'text/plain').toString()).to.equal('plain é');
      expect(encodeParsedBody(Buffer.from([1, 2]), 'application/octet-stream')).to.deep.equal(Buffer.from([1, 2]));
      expect(encodeParsedBody(undefined, undefined).length).to.equal(0);
      expect(encodeParsedBody('text', 'application/json').toString()).to.equal('"text"');
      expect(encodeParsedBody(null, 'application/merge-patch+json; charset=utf-8').toString()).to.equal('null');
    });

    it('writes nested forms (extended parsing) in bracket notation', () => {
      expect(formEncode({ user: { name: 'ann', tags: ['a', 'b'] }, empty: null })).to.equal(
        'user%5Bname%5D=ann&user%5Btags%5D=a&user%5Btags%5D=b&empty=',
      );
    });
  });

  describe('readBody', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    it('rejects with ERR_BODY_TIMEOUT (408) when the body has not ended within bodyTimeout, and closes the connection', async () => {
      const stream = Object.assign(new PassThrough(), { headers: {} });
      const response = { shouldKeepAlive: true } as ServerResponse;
      const reading = readBody(stream as unknown as IncomingMessage, response, { maxBodySize: 100, bodyTimeout: 1000 });
      stream.write('partial');
      clock.tick(999);
      stream.write(' more');
      clock.tick(1);
      const error = await reading.then(
        () => undefined,
        (caught: unknown) => caught as { code: string; status: number },
      );
      expect(error).to.include({ code: 'ERR_BODY_TIMEOUT', status: 408 });
      expect(response.shouldKeepAlive).to.equal(false);
    });

    it('resolves a body that ends in time and leaves no timer behind', async () => {
      const stream = Object.assign(new PassThrough(), { headers: {} });
      const response = { shouldKeepAlive: true } as ServerResponse;
      const reading = readBody(stream as unknown as IncomingMessage, response, { maxBodySize: 100, bodyTimeout: 1000 });
      stream.end('whole');
      expect((await reading).toString()).to.equal('whole');
      expect(clock.countTimers()).to.equal(0);
    });
  });

  describe('behind Express body parsers', () => {
    let runtime: Runtime;
    let server: Server;
    let url: string;
    before(async () => {
      runtime = createRuntime({ root: embeddingScriptsDir, workers: 1, sweepInterval: 0, log: () => undefined });
      const app = express();
      app.use(express.json());
      app.use(express.urlencoded({ extended: true }));
      app.use(express.text());
      app.use(express.raw());
      app.use(runtime.handler);
      server = await new Promise((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/js/echo-body.js?q=1`;
    });
    after(async () => {
      server.closeAllConnections();
      server.close();
      await runtime.close();
    });

    async function post(contentType: string, body: string | Uint8Array): Promise<Echo> {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
      expect(response.status).to.equal(200);
      return (await response.json()) as Echo;
    }

    it('express.json(): getText() is the JSON text and getJSON() the value', async () => {
      const echo = await post('application/json', '{"items":[1,2],"name":"ann"}');
      expect(echo.json).to.deep.equal({ items: [1, 2], name: 'ann' });
      expect(JSON.parse(echo.text)).to.deep.equal({ items: [1, 2], name: 'ann' });
    });

    it('express.urlencoded(): the form fields are request parameters, after those of the query', async () => {
      const echo = await post('application/x-www-form-urlencoded', 'a=1&a=2&b=x%20y');
      expect(echo.parameters).to.deep.equal({ q: ['1'], a: ['1', '2'], b: ['x y'] });
    });

    it('express.text() and express.raw(): the text and the bytes as sent', async () => {
      expect((await post('text/plain', 'héllo')).text).to.equal('héllo');
      expect((await post('application/octet-stream', new Uint8Array([104, 105]))).text).to.equal('hi');
    });
  });

  describe('bodyTimeout', () => {
    let runtime: Runtime;
    let port: number;
    beforeEach(async () => {
      runtime = createRuntime({
        root: embeddingScriptsDir,
        workers: 1,
        sweepInterval: 0,
        bodyTimeout: 300,
        log: () => undefined,
      });
      ({ port } = await runtime.listen(0, '127.0.0.1'));
    });
    afterEach(() => runtime.close());

    it('answers 408 ERR_BODY_TIMEOUT to a client that never finishes its body, and closes the connection', async () => {
      const head =
        'POST /services/js/echo-body.js HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n';
      const answer = await rawExchange(port, head, 'only ten b');
      expect(answer).to.match(/^HTTP\/1\.1 408 /);
      expect(answer).to.include('"code":"ERR_BODY_TIMEOUT"');
      expect(answer.toLowerCase()).to.include('connection: close');
    });

    it('answers 413 at once to a Content-Length beyond the limit, before any of the body, and closes the connection', async () => {
      const head = (type: string) =>
        `POST /services/js/echo-body.js HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 999999999\r\n\r\n`;
      // No body follows: without the check on the announced length, this would be a 408 after bodyTimeout.
      const plain = await rawExchange(port, head('text/plain'), '');
      expect(plain).to.match(/^HTTP\/1\.1 413 /);
      expect(plain).to.include('"code":"ERR_BODY_TOO_LARGE"');
      expect(plain.toLowerCase()).to.include('connection: close');
      const upload = await rawExchange(port, head('multipart/form-data; boundary=x'), '');
      expect(upload).to.match(/^HTTP\/1\.1 413 /);
      expect(upload).to.include('"code":"ERR_UPLOAD_TOO_LARGE"');
    });

    it('bounds close(): a trickling body does not keep the runtime from shutting down', async () => {
      const server = http.createServer(runtime.handler);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const handling = once(server, 'request');
      const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.write('POST /services/js/echo-body.js HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\nabc');
      const answered = once(socket, 'data');
      await handling;
      // close() waits for the request being read; the body timeout answers it, so close() resolves.
      await runtime.close();
      expect(String((await answered)[0])).to.match(/^HTTP\/1\.1 408 /);
      socket.destroy();
      server.close();
    });
  });
});
