/**
 * A request's trip to a worker in a run frame (request-frame.ts): its JSON part and its bytes go
 * in the frame's body; the worker gets the same request back, parsed once and only when read.
 */
import { expect } from 'chai';
import { REQUEST_DEFERRED } from '../../common/protocol.js';
import { deferredRequest, type RequestFrame, requestToFrame } from '../../common/request-frame.js';
import type { RequestSnapshot } from '../../common/snapshot.js';
import { requestSnapshot } from '../support/request-snapshot.js';

/** A POST with a body and non-ASCII text in its URL and a header. */
function request(extra: Partial<RequestSnapshot> = {}): RequestSnapshot {
  return requestSnapshot({
    method: 'POST',
    url: '/services/js/echo.js?q=ü',
    rawHeaders: ['host', 'example.org', 'x-name', 'Grüße'],
    body: new Uint8Array(Buffer.from('body bytes')),
    ...extra,
  });
}

/** The frame body a run frame carries: the JSON part, then the bytes. */
function frameBody(original: RequestSnapshot): { body: Uint8Array; jsonBytes: number } {
  const { json, bytes } = requestToFrame(original);
  return { body: new Uint8Array(Buffer.concat([json, bytes])), jsonBytes: json.length };
}

/** The `ask` of a run frame that carries its request: never called. */
function unasked(): RequestFrame {
  throw new Error('a request the frame carries was asked for');
}

describe('request frame', () => {
  it('a request comes back whole: fields, non-ASCII text and body bytes', () => {
    const original = request();
    const { body, jsonBytes } = frameBody(original);
    const back = deferredRequest(original.time, body, jsonBytes, unasked).read();
    expect(back).to.deep.equal({ ...original, body: back.body });
    expect(Buffer.from(back.body).toString()).to.equal('body bytes');
  });

  it('an upload comes back with its parts and data after the body', () => {
    const original = request({
      upload: {
        items: [
          {
            fieldName: 'file',
            fileName: 'a.txt',
            contentType: 'text/plain',
            formField: false,
            headers: [['content-type', 'text/plain']],
            offset: 0,
            size: 3,
          },
        ],
        data: new Uint8Array(Buffer.from('abc')),
      },
    });
    const { body, jsonBytes } = frameBody(original);
    const back = deferredRequest(original.time, body, jsonBytes, unasked).read();
    expect(Buffer.from(back.body).toString()).to.equal('body bytes');
    expect(Buffer.from(back.upload?.data ?? []).toString()).to.equal('abc');
    expect(back.upload?.items).to.deep.equal(original.upload?.items);
  });

  it('knows its time before it is read, and parses once however often it is read', () => {
    const original = request();
    const { body, jsonBytes } = frameBody(original);
    const deferred = deferredRequest(original.time, body, jsonBytes, unasked);
    expect(deferred.time).to.equal(original.time);
    expect(deferred.read()).to.equal(deferred.read());
  });

  it('a frame without its request (REQUEST_DEFERRED) asks for it on the first read, once, and not before', () => {
    const original = request();
    let asked = 0;
    const deferred = deferredRequest(original.time, new Uint8Array(0), REQUEST_DEFERRED, () => {
      asked++;
      return frameBody(original);
    });
    expect(asked).to.equal(0);
    const back = deferred.read();
    expect(deferred.read()).to.equal(back);
    expect(asked).to.equal(1);
    expect(back.url).to.equal(original.url);
    expect(Buffer.from(back.body).toString()).to.equal('body bytes');
  });

  it('an empty body reads as zero bytes', () => {
    const original = request({ body: new Uint8Array(0) });
    const { body, jsonBytes } = frameBody(original);
    expect(deferredRequest(original.time, body, jsonBytes, unasked).read().body.length).to.equal(0);
  });
});
