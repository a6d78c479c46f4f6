/**
 * The main process's end of a worker's host-call pipes (host-calls.ts): each call is answered; a
 * call frame announced over the bound (or its header over the header bound), or one whose header is not JSON, is not acted on and the
 * bound's handler is told (the worker is then killed: worker-process.ts).
 */
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { FrameChannel } from '../../../common/frame-channel.js';
import type { HostCall, HostCallReply } from '../../../common/host-call.js';
import { type HostCallHandler, serveHostCalls } from '../../../main/supervisor/host-calls.js';

/** A frame whose header is `header` as it is, no body. */
function rawFrame(header: string): Buffer {
  const text = Buffer.from(header);
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32BE(text.length, 0);
  return Buffer.concat([prefix, text]);
}

describe('host calls (main process)', () => {
  function serve() {
    const calls = new PassThrough();
    const replies = new PassThrough();
    const seen: HostCall[] = [];
    const handler: HostCallHandler = async (call) => {
      seen.push(call);
      return { reply: { id: Number(call.id), ok: true, requestBytes: 0 } };
    };
    const told: { oversized: number[]; malformed: unknown[] } = { oversized: [], malformed: [] };
    serveHostCalls(calls, replies, handler, () => [], {
      maxFrameBytes: 1024,
      maxHeaderBytes: 512,
      oversized: (bytes) => told.oversized.push(bytes),
      malformed: (error) => told.malformed.push(error),
    });
    const worker = new FrameChannel<HostCall, HostCallReply>(replies, calls);
    return { calls, worker, seen, told };
  }

  it('answers a call', async () => {
    const { worker, seen } = serve();
    const answered = new Promise<HostCallReply>((resolve) => worker.once('frame', (frame) => resolve(frame.message)));
    worker.send({ type: 'request', id: 3, run: 1 });
    expect(await answered).to.deep.include({ id: 3, ok: true });
    expect(seen).to.have.length(1);
  });

  it('tells of a call header that is not JSON, and acts on nothing after it', async () => {
    const { calls, seen, told } = serve();
    calls.write(Buffer.concat([rawFrame('{"type":'), rawFrame('{"type":"request","id":4,"run":1}')]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(told.malformed).to.have.length(1);
    expect(told.malformed[0]).to.be.instanceOf(SyntaxError);
    expect(seen).to.deep.equal([]);
  });

  it('tells of a call frame announced over the bound', async () => {
    const { calls, seen, told } = serve();
    calls.write(rawFrame('x'.repeat(2000)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(told.oversized).to.deep.equal([8 + 2000]);
    expect(seen).to.deep.equal([]);
  });

  it('tells of a call frame whose header is announced over the header bound, though the frame is within its bound', async () => {
    const { calls, seen, told } = serve();
    calls.write(rawFrame(JSON.stringify({ type: 'request', id: 5, run: 1, pad: 'x'.repeat(600) })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(told.oversized).to.have.length(1);
    expect(seen).to.deep.equal([]);
  });
});
