/**
 * The headers of run and worker frames, written by position (worker-frames.ts): every field comes
 * back as it went, present or absent; a header no worker writes is refused with
 * `MalformedFrameError`, whatever its shape.
 */
import { expect } from 'chai';
import { REQUEST_DEFERRED, type ResultFrame, type RunFrame } from '../../common/protocol.js';
import {
  BODY_VALUE_FROM,
  bodyValues,
  decodeRunFrame,
  decodeWorkerFrame,
  encodeRunFrame,
  encodeWorkerFrame,
  MalformedFrameError,
  takeBodyValues,
} from '../../common/worker-frames.js';

const session = {
  id: 'aIidGb-KNgx6N5X-sp0Ms_8-NU3cLo6-',
  creationTime: 1_796_002_276_639,
  lastAccessedTime: 1_796_002_276_675,
  maxInactiveInterval: 1800,
  isNew: false,
  attributes: [
    ['attr1', '"value1"'],
    ['q"uote', '{"n":[1,2.5,"ü"]}'],
  ] as Array<[string, string]>,
};

const settings = { maxInactiveInterval: 1800, canCreate: true, maxActiveSessions: 0, urlParameter: null };

function run(changes: Partial<RunFrame> = {}): RunFrame {
  return {
    type: 'run',
    id: 7,
    script: 'dir/ü.js',
    mtimeMs: 1_795_983_159_767.776,
    time: 1_796_002_276_678,
    requestBytes: 593,
    session,
    settings,
    ...changes,
  };
}

function result(changes: Partial<ResultFrame> = {}): ResultFrame {
  return {
    type: 'result',
    id: 9,
    response: {
      status: 201,
      headers: [
        ['X-One', '1'],
        ['Set-Cookie', 'a=b'],
      ],
    },
    sessionOps: [
      { op: 'access' },
      { op: 'create', id: 'B'.repeat(32) },
      { op: 'set', name: 'n', json: '{"a":[1]}' },
      { op: 'remove', name: 'old' },
      { op: 'maxInactiveInterval', seconds: -1 },
      { op: 'changeId', id: 'C'.repeat(32) },
      { op: 'invalidate' },
    ],
    sessionUsed: undefined,
    requestUsed: undefined,
    failure: undefined,
    stopped: undefined,
    cpuMicros: undefined,
    console: undefined,
    runMicros: 42,
    ...changes,
  };
}

/** Worker frames are compared as JSON sees them (an absent field and an undefined one are alike). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('worker frames', () => {
  describe('run frames', () => {
    const cases: Array<[string, RunFrame]> = [
      ['a returning session', run()],
      ['no session, a deferred request', run({ session: undefined, requestBytes: REQUEST_DEFERRED })],
      [
        'a principal, a new session that never expires',
        run({ session: { ...session, principal: 'ann', isNew: true, maxInactiveInterval: 0 } }),
      ],
      ['a deferred session', run({ session: undefined, settings: { ...settings, canCreate: false, deferred: 3 } })],
      [
        'a silent store, URL rewriting',
        run({ settings: { ...settings, urlParameter: 'jsessionid', storeUnavailable: 'timed out' } }),
      ],
    ];
    for (const [name, frame] of cases) {
      it(`come back whole: ${name}`, () => {
        expect(asJson(decodeRunFrame(encodeRunFrame(frame)))).to.deep.equal(asJson(frame));
      });
    }
  });

  describe('run frames with large attribute values', () => {
    const large = {
      ...session,
      attributes: [
        ['ascii', JSON.stringify('a'.repeat(BODY_VALUE_FROM))],
        ['small', '"s"'],
        ['quoted', JSON.stringify({ text: 'say "hi"\\'.repeat(BODY_VALUE_FROM / 8) })],
        ['unicode', JSON.stringify('é✓😀'.repeat(BODY_VALUE_FROM / 4))],
        ['just under', JSON.stringify('u'.repeat(BODY_VALUE_FROM - 3))],
      ] as Array<[string, string]>,
    };

    it('carry values of BODY_VALUE_FROM characters or more in the body, before the request, and come back whole', () => {
      const values = bodyValues(large);
      expect(values.map((value) => value.toString())).to.deep.equal([
        large.attributes[0]?.[1],
        large.attributes[2]?.[1],
        large.attributes[3]?.[1],
      ]);
      const header = encodeRunFrame(run({ session: large }));
      expect(header.length, 'the header holds none of them').to.be.below(2 * BODY_VALUE_FROM);
      const requestPart = Buffer.from('{"the":"request"}body bytes');
      const body = Buffer.concat([...values, requestPart]);
      const frame = decodeRunFrame(header);
      const rest = takeBodyValues(frame, body);
      expect(asJson(frame)).to.deep.equal(asJson(run({ session: large })));
      expect(Buffer.from(rest).equals(requestPart)).to.equal(true);
    });

    it('leave the body as it is when no value is that large, or there is no session', () => {
      const requestPart = Buffer.from('{}');
      expect(bodyValues(session)).to.deep.equal([]);
      expect(takeBodyValues(decodeRunFrame(encodeRunFrame(run())), requestPart)).to.equal(requestPart);
      expect(bodyValues(undefined)).to.deep.equal([]);
      expect(takeBodyValues(decodeRunFrame(encodeRunFrame(run({ session: undefined }))), requestPart)).to.equal(
        requestPart,
      );
    });
  });

  describe('worker frames', () => {
    const cases: Array<[string, ResultFrame]> = [
      ['every session operation', result()],
      [
        'no operations, every flag',
        result({
          sessionOps: [],
          sessionUsed: true,
          requestUsed: true,
          stopped: true,
          cpuMicros: 12_345,
          runMicros: 0,
        }),
      ],
      [
        'a failure and console lines',
        result({
          failure: { name: 'TypeError', code: 'ERR_X', message: 'bad', stack: 'at x' },
          console: [{ level: 'warn', text: 'careful' }],
        }),
      ],
    ];
    for (const [name, frame] of cases) {
      it(`results come back whole: ${name}`, () => {
        expect(asJson(decodeWorkerFrame(encodeWorkerFrame(frame)))).to.deep.equal(asJson(frame));
      });
    }

    it('ready and awaiting come back', () => {
      expect(decodeWorkerFrame(encodeWorkerFrame({ type: 'ready' }))).to.deep.equal({ type: 'ready' });
      expect(decodeWorkerFrame(encodeWorkerFrame({ type: 'awaiting', id: 4 }))).to.deep.equal({
        type: 'awaiting',
        id: 4,
      });
    });

    const malformed: Array<[string, string]> = [
      ['not JSON', '[2,1'],
      ['an object', '{"type":"result","id":1}'],
      ['an unknown kind', '[9]'],
      ['an id that is not a number', '[1,"1"]'],
      ['headers that are not pairs of strings', '[2,1,200,[["a",1]],[],0,null,null,null]'],
      ['a header list that is not a list', '[2,1,200,{},[],0,null,null,null]'],
      ['an unknown session operation', '[2,1,200,[],[[42]],0,null,null,null]'],
      ['a set without its JSON', '[2,1,200,[],[[2,"n"]],0,null,null,null]'],
      ['flags that are not a number', '[2,1,200,[],[],"1",null,null,null]'],
      ['a failure that is not an object', '[2,1,200,[],[],0,"boom",null,null]'],
      ['a run time that is negative', '[2,1,200,[],[],0,null,null,null,-1]'],
      ['a run time that is not whole', '[2,1,200,[],[],0,null,null,null,1.5]'],
      ['a run time that is a string', '[2,1,200,[],[],0,null,null,null,"7"]'],
      ['no run time', '[2,1,200,[],[],0,null,null,null]'],
    ];
    for (const [name, text] of malformed) {
      it(`refuses a header no worker writes: ${name}`, () => {
        expect(() => decodeWorkerFrame(text)).to.throw(MalformedFrameError);
      });
    }
  });
});
