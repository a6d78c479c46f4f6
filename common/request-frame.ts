/**
 * How a request snapshot crosses to a worker in a run frame. The frame's binary body holds, in
 * order: the request as UTF-8 JSON (everything but its bytes), its body, and the bytes of its
 * uploaded parts (if any). The frame's header says how long the JSON part is and carries the
 * request's time (the session needs it at once). The worker parses the JSON part only when a
 * script first reads the request: parsing costs about as much as the rest of a small run's
 * bookkeeping, and many scripts never look.
 */
import { REQUEST_DEFERRED } from './protocol.js';
import type { RequestSnapshot } from './snapshot.js';
import type { FramedUpload } from './upload.js';

/** A request snapshot as framed: no bytes in it. */
export type FramedRequest = Omit<RequestSnapshot, 'body' | 'upload'> & { upload?: FramedUpload };

/** A request the worker reads only when asked (`read` parses the JSON part of the frame once). */
export interface DeferredRequest {
  /** Epoch ms when the request was received. */
  readonly time: number;
  read(): RequestSnapshot;
}

/** Splits a request into its JSON part and its bytes (body, then upload data), in frame order. */
export function requestToFrame(request: RequestSnapshot): { json: Buffer; bytes: Uint8Array } {
  const { body, upload, ...rest } = request;
  if (upload === undefined) return { json: Buffer.from(JSON.stringify(rest)), bytes: body };
  const framed: FramedRequest = { ...rest, upload: { items: upload.items, bodyLength: body.length } };
  return {
    json: Buffer.from(JSON.stringify(framed)),
    bytes: upload.data.length === 0 ? body : Buffer.concat([body, upload.data]),
  };
}

/** A request as framed: `jsonBytes` bytes of request JSON at the start of `body`, then its bytes. */
export interface RequestFrame {
  body: Uint8Array;
  jsonBytes: number;
}

/**
 * The request of a run frame whose body starts with `jsonBytes` bytes of request JSON (made by
 * `requestToFrame`), parsed on the first `read`. When the frame has no request (`jsonBytes` is
 * `REQUEST_DEFERRED`), the first `read` gets it framed the same way from `ask`.
 */
export function deferredRequest(
  time: number,
  frameBody: Uint8Array,
  jsonBytes: number,
  ask: () => RequestFrame,
): DeferredRequest {
  let request: RequestSnapshot | undefined;
  return {
    time,
    read() {
      if (request !== undefined) return request;
      const framed = jsonBytes === REQUEST_DEFERRED ? ask() : { body: frameBody, jsonBytes };
      request = requestFromFrame(framed.body, framed.jsonBytes);
      return request;
    },
  };
}

/** The request a run frame's body carries (see `requestToFrame`). */
function requestFromFrame(frameBody: Uint8Array, jsonBytes: number): RequestSnapshot {
  const text = Buffer.from(frameBody.buffer, frameBody.byteOffset, jsonBytes).toString('utf8');
  const header = JSON.parse(text) as FramedRequest;
  const bytes = frameBody.subarray(jsonBytes);
  const { upload } = header;
  if (upload === undefined) {
    // The new property first: V8 adds properties after a spread on a slow path (about 2 µs).
    const plain: Omit<FramedRequest, 'upload'> = header;
    return { body: bytes, ...plain };
  }
  const { upload: _framed, ...rest } = header;
  return {
    ...rest,
    body: bytes.subarray(0, upload.bodyLength),
    upload: { items: upload.items, data: bytes.subarray(upload.bodyLength) },
  };
}
