/**
 * The frame channel between the main process and sandbox workers.
 */
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { type Frame, FrameChannel } from '../../common/frame-channel.js';

describe('FrameChannel', () => {
  function pair() {
    const aToB = new PassThrough();
    const bToA = new PassThrough();
    return { a: new FrameChannel<unknown, unknown>(bToA, aToB), b: new FrameChannel<unknown, unknown>(aToB, bToA) };
  }

  /** Everything written to `stream` so far (a large frame is written in parts, which a PassThrough hands on as read). */
  function readAll(stream: PassThrough): Buffer {
    const parts: Buffer[] = [];
    for (let part = stream.read() as Buffer | null; part !== null; part = stream.read() as Buffer | null)
      parts.push(part);
    return Buffer.concat(parts);
  }

  function collect(channel: FrameChannel<unknown, unknown>, count: number): Promise<Array<Frame<unknown>>> {
    const frames: Array<Frame<unknown>> = [];
    return new Promise((resolve) => {
      channel.on('frame', (frame) => {
        frames.push(frame);
        if (frames.length === count) resolve(frames);
      });
    });
  }

  it('delivers messages with and without binary bodies, in order', async () => {
    const { a, b } = pair();
    const received = collect(b, 3);
    a.send({ n: 1, text: 'héllo ✓' });
    a.send({ n: 2 }, new Uint8Array([0, 1, 255]));
    a.send({ n: 3 }, new Uint8Array(0));
    const frames = await received;
    expect(frames.map((frame) => frame.message)).to.deep.equal([{ n: 1, text: 'héllo ✓' }, { n: 2 }, { n: 3 }]);
    expect([...(frames[1]?.body ?? [])]).to.deep.equal([0, 1, 255]);
    expect(frames[0]?.body.length).to.equal(0);
  });

  it('reassembles frames split across chunks and several frames in one chunk', async () => {
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const received = collect(channel, 2);
    const sender = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sender);
    writer.send({ first: true }, new Uint8Array([7, 7]));
    writer.send({ second: 'x'.repeat(1000) });
    writer.flush();
    const bytes = sender.read() as Buffer;
    for (let i = 0; i < bytes.length; i += 5) input.write(bytes.subarray(i, i + 5));
    const frames = await received;
    expect(frames[0]?.message).to.deep.equal({ first: true });
    expect([...(frames[0]?.body ?? [])]).to.deep.equal([7, 7]);
    expect(frames[1]?.message).to.deep.equal({ second: 'x'.repeat(1000) });
  });

  it('reads a large frame arriving in 64 KiB chunks with linear copying, not a copy per chunk', async () => {
    const sender = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sender);
    const body = new Uint8Array(8 * 1024 * 1024).fill(7);
    writer.send({ big: true }, body);
    writer.flush();
    const bytes = readAll(sender);
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const received = collect(channel, 1);
    const concat = Buffer.concat;
    let copied = 0;
    Buffer.concat = ((list: readonly Uint8Array[], length?: number) => {
      const joined = concat(list, length);
      copied += joined.length;
      return joined;
    }) as typeof Buffer.concat;
    try {
      for (let i = 0; i < bytes.length; i += 64 * 1024) input.write(bytes.subarray(i, i + 64 * 1024));
      const [frame] = await received;
      expect(frame?.message).to.deep.equal({ big: true });
      expect(frame?.body.length).to.equal(body.length);
      expect(frame?.body[body.length - 1]).to.equal(7);
    } finally {
      Buffer.concat = concat;
    }
    // A copy per chunk would be about 128 × 4 MiB on average, over 500 MiB.
    expect(copied).to.be.at.most(2 * bytes.length);
  });

  it('copies a large frame into a buffer of its own as its chunks arrive, and reads the frames around it', async () => {
    const sender = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sender);
    const body = new Uint8Array(1024 * 1024).map((_, i) => i % 251);
    writer.send({ before: true });
    writer.send({ big: 'é'.repeat(3000) }, body);
    writer.send({ after: 1 });
    writer.flush();
    const bytes = readAll(sender);
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const received = collect(channel, 3);
    // Odd chunk sizes, so the large frame starts and ends inside chunks shared with its neighbours.
    for (let i = 0; i < bytes.length; i += 50_001) input.write(bytes.subarray(i, i + 50_001));
    const [before, big, after] = await received;
    expect(before?.message).to.deep.equal({ before: true });
    expect(big?.message).to.deep.equal({ big: 'é'.repeat(3000) });
    expect(Buffer.from(big?.body ?? []).equals(Buffer.from(body))).to.equal(true);
    const frameBytes = 8 + Buffer.byteLength(JSON.stringify({ big: 'é'.repeat(3000) })) + body.length;
    expect(big?.body.buffer.byteLength, 'the body is a view of a buffer the size of its frame').to.equal(frameBytes);
    expect(after?.message).to.deep.equal({ after: 1 });
  });

  it('takes no buffer up front for a frame announced over 64 MiB: announcing alone reserves nothing', async () => {
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    channel.on('frame', () => expect.fail('the frame never arrives whole'));
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(2, 0);
    prefix.writeUInt32BE(200 * 1024 * 1024, 4);
    const before = process.memoryUsage().arrayBuffers;
    input.write(Buffer.concat([prefix, Buffer.from('{}'), Buffer.alloc(100 * 1024)]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.memoryUsage().arrayBuffers - before).to.be.below(50 * 1024 * 1024);
  });

  it('reads a long header of ASCII text and one with other characters alike', async () => {
    const { a, b } = pair();
    const received = collect(b, 3);
    const ascii = { text: 'a"\\\n'.repeat(20_000) };
    const other = { text: `${'x'.repeat(10_000)}✓\u0000${'ü'.repeat(10_000)}` };
    a.send(ascii);
    a.send(other);
    a.send({ short: 'ü' });
    const frames = await received;
    expect(frames.map((frame) => frame.message)).to.deep.equal([ascii, other, { short: 'ü' }]);
  });

  /** A channel reading `input`: the frames it emits, and its first `malformed`. */
  function watchMalformed() {
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const frames: unknown[] = [];
    channel.on('frame', (frame) => frames.push(frame.message));
    const malformed = new Promise<unknown>((resolve) => channel.once('malformed', resolve));
    return { input, frames, malformed };
  }

  /** The bytes `send` writes for `messages`, in order, each without a body. */
  function framesOf(...messages: unknown[]): Buffer {
    const sender = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sender);
    for (const message of messages) writer.send(message);
    writer.flush();
    return readAll(sender);
  }

  const nextImmediate = () => new Promise((resolve) => setImmediate(resolve));

  it('parses a header of 1 MiB or more two turns after the read that ended it, and holds the frames after it', async () => {
    const long = { long: 'x'.repeat(1024 * 1024) };
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const seen: unknown[] = [];
    channel.on('frame', ({ message }) => seen.push((message as typeof long).long === long.long ? 'long' : message));
    // One read holding all three frames, as a socket hands it over.
    input.emit('data', framesOf({ before: 1 }, long, { after: 2 }));
    expect(seen, 'in the read').to.deep.equal([{ before: 1 }]);
    await nextImmediate();
    expect(seen, 'right after the read, before other sockets are read').to.deep.equal([{ before: 1 }]);
    input.emit('data', framesOf({ later: 3 }));
    expect(seen, 'a read while the frame is held').to.deep.equal([{ before: 1 }]);
    await nextImmediate();
    expect(seen).to.deep.equal([{ before: 1 }, 'long', { after: 2 }, { later: 3 }]);
  });

  it('emits close after a held frame and those read after it when its input ends meanwhile', async () => {
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const events: string[] = [];
    channel.on('frame', (frame) => events.push(Object.keys(frame.message as object)[0] as string));
    const closed = new Promise<void>((resolve) => channel.on('close', resolve)).then(() => events.push('close'));
    input.emit('data', framesOf({ long: 'y'.repeat(1024 * 1024) }, { after: true }));
    input.emit('end');
    await closed;
    expect(events).to.deep.equal(['long', 'after', 'close']);
  });

  it('emits malformed for a header of 1 MiB or more it cannot read, and nothing after it', async () => {
    const { input, frames, malformed } = watchMalformed();
    const header = Buffer.from(`{"not json${' '.repeat(1024 * 1024)}`);
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(header.length, 0);
    input.emit('data', Buffer.concat([prefix, header, framesOf({ after: true })]));
    expect(await malformed).to.be.instanceOf(SyntaxError);
    await nextImmediate();
    expect(frames).to.deep.equal([]);
  });

  it('writes a large frame as its parts, without joining them into one buffer first', async () => {
    const output = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(new PassThrough(), output);
    const body = new Uint8Array(256 * 1024).fill(3);
    const concat = Buffer.concat;
    let joined = 0;
    Buffer.concat = ((list: readonly Uint8Array[], length?: number) => {
      const result = concat(list, length);
      joined = Math.max(joined, result.length);
      return result;
    }) as typeof Buffer.concat;
    try {
      channel.send({ large: true }, body);
      channel.flush();
    } finally {
      Buffer.concat = concat;
    }
    expect(joined).to.be.below(body.length);
    const reader = new FrameChannel<unknown, unknown>(output, new PassThrough());
    const [frame] = await collect(reader, 1);
    expect(frame?.message).to.deep.equal({ large: true });
    expect(frame?.body.length).to.equal(body.length);
  });

  it('batches frames sent in one turn into one write', async () => {
    const output = new PassThrough();
    let writes = 0;
    const write = output.write.bind(output);
    output.write = ((chunk: Buffer) => {
      writes++;
      return write(chunk);
    }) as typeof output.write;
    const channel = new FrameChannel<unknown, unknown>(new PassThrough(), output);
    for (let i = 0; i < 10; i++) channel.send({ i });
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).to.equal(1);
  });

  it('writes what is queued once a frame comes writeAfterMicros after the oldest, and the rest at the end of the turn', async () => {
    const output = new PassThrough();
    const writes: number[] = [];
    const write = output.write.bind(output);
    output.write = ((chunk: Buffer) => {
      writes.push(chunk.length);
      return write(chunk);
    }) as typeof output.write;
    let clock = 0;
    const channel = new FrameChannel<unknown, unknown>(new PassThrough(), output, {
      writeAfterMicros: 100,
      now: () => clock,
    });
    const frameBytes = 8 + JSON.stringify({ i: 0 }).length;
    // Milliseconds, the clock's unit: the fourth frame comes 100 µs after the first.
    for (const [i, at] of [0, 0.03, 0.06, 0.1].entries()) {
      clock = at;
      channel.send({ i });
    }
    expect(writes, 'the fourth frame wrote the four at once').to.deep.equal([4 * frameBytes]);
    for (const [i, at] of [0.15, 0.2, 0.249].entries()) {
      clock = at;
      channel.send({ i: 4 + i });
    }
    expect(writes, 'the oldest of these three has waited 99 µs').to.deep.equal([4 * frameBytes]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes, 'the three at the end of the turn').to.deep.equal([4 * frameBytes, 3 * frameBytes]);
    const reader = new FrameChannel<unknown, unknown>(output, new PassThrough());
    expect((await collect(reader, 7)).map((frame) => frame.message)).to.deep.equal(
      Array.from({ length: 7 }, (_, i) => ({ i })),
    );
  });

  it('emits close when its input ends', async () => {
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
    input.end();
    await closed;
  });

  it('refuses a frame announced over maxFrameBytes without buffering it, and reads nothing after', async () => {
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough(), { maxFrameBytes: 1024 });
    const frames: unknown[] = [];
    channel.on('frame', (frame) => frames.push(frame.message));
    const refused = new Promise<number>((resolve) => channel.once('oversized', resolve));
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(2, 0);
    prefix.writeUInt32BE(0xffff_fff0, 4);
    input.write(prefix);
    expect(await refused).to.equal(8 + 2 + 0xffff_fff0);
    const small = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), small);
    writer.send({ after: true });
    writer.flush();
    input.write(small.read() as Buffer);
    await new Promise((resolve) => setImmediate(resolve));
    expect(frames).to.deep.equal([]);
  });

  it('emits malformed for a header its codec cannot read, and reads nothing after', async () => {
    const { input, frames, malformed } = watchMalformed();
    const header = Buffer.from('{not json');
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(header.length, 0);
    const sent = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sent);
    writer.send({ after: true });
    writer.flush();
    input.write(Buffer.concat([prefix, header, sent.read() as Buffer]));
    expect(await malformed).to.be.instanceOf(SyntaxError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(frames).to.deep.equal([]);
  });

  it('emits malformed for a large frame copied as it arrived, and reads nothing after it in the same chunk', async () => {
    const { input, frames, malformed } = watchMalformed();
    const header = Buffer.from('{not json');
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(header.length, 0);
    prefix.writeUInt32BE(200 * 1024, 4);
    const sent = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sent);
    writer.send({ after: true });
    writer.flush();
    const bytes = Buffer.concat([prefix, header, Buffer.alloc(200 * 1024), sent.read() as Buffer]);
    // The first chunk starts the copy; the second ends the frame and holds the next one.
    input.write(bytes.subarray(0, 64 * 1024));
    input.write(bytes.subarray(64 * 1024));
    expect(await malformed).to.be.instanceOf(SyntaxError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(frames).to.deep.equal([]);
  });

  it('writes and reads headers with the codec it is given', async () => {
    const aToB = new PassThrough();
    const codec = {
      encode: (message: number) => `[${message}]`,
      decode: (text: string) => (JSON.parse(text) as number[])[0] as number,
    };
    const a = new FrameChannel<number, number>(new PassThrough(), aToB, { codec });
    const b = new FrameChannel<number, number>(aToB, new PassThrough(), { codec });
    const received = new Promise<number>((resolve) => b.once('frame', (frame) => resolve(frame.message)));
    a.send(42);
    expect(await received).to.equal(42);
  });

  it('accepts a frame of exactly maxFrameBytes', async () => {
    const sender = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sender);
    writer.send({ n: 1 }, new Uint8Array(100));
    writer.flush();
    const bytes = sender.read() as Buffer;
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough(), { maxFrameBytes: bytes.length });
    const received = collect(channel, 1);
    input.write(bytes);
    expect((await received)[0]?.body.length).to.equal(100);
  });

  it('copies a small body out of its read buffer; a body filling most of it is a view', async () => {
    const sender = new PassThrough();
    const writer = new FrameChannel<unknown, unknown>(new PassThrough(), sender);
    writer.send({ n: 1 }, new Uint8Array(10).fill(1));
    writer.send({ n: 2 }, new Uint8Array(1000).fill(2));
    writer.flush();
    const bytes = sender.read() as Buffer;
    const input = new PassThrough();
    const channel = new FrameChannel<unknown, unknown>(input, new PassThrough());
    const received = collect(channel, 2);
    const chunk = Buffer.alloc(bytes.length);
    bytes.copy(chunk);
    input.write(chunk);
    const [small, large] = await received;
    expect(small?.body.buffer).to.not.equal(chunk.buffer);
    expect([...(small?.body ?? [])]).to.deep.equal(new Array(10).fill(1));
    expect(large?.body.length).to.equal(1000);
    expect(large?.body.every((byte) => byte === 2)).to.equal(true);
  });
});
