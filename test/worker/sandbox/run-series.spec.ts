/**
 * Series of runs (script-host.ts, `SERIES_MS`): runs queued behind a run of the same script go on
 * in the same isolate call, under one time limit, each with its own request and result; a series
 * ends at a run of another script, a changed script, a promise, a run cut short, the series' age,
 * and in request isolation after every run. A real ScriptHost with real isolates and scripts; the
 * worker's queue is an array, as in worker-main.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import type { IsolationMode, ResultMessage } from '../../../common/protocol.js';
import { SERIES_MS, ScriptHost } from '../../../worker/sandbox/script-host.js';
import type { QueuedRun } from '../../../worker/sandbox/worker-link.js';
import { requestSnapshot } from '../../support/request-snapshot.js';

/**
 * Counts its runs in a global of its warm context, and prints `n:count`; `loop=1` never ends,
 * `bomb=1` fills the heap.
 */
const COUNTER = `
var request = require('http/v4/request');
var response = require('http/v4/response');
globalThis.count = (globalThis.count || 0) + 1;
if (request.getParameter('loop') === '1') for (;;) {}
if (request.getParameter('bomb') === '1') { var a = []; for (;;) a.push({ x: Math.random() }); }
response.print(request.getParameter('n') + ':' + globalThis.count);
`;

/** Returns a promise, and prints `n` once it settled. */
const LATER = `
var request = require('http/v4/request');
var response = require('http/v4/response');
return Promise.resolve().then(function () { response.print('later ' + request.getParameter('n')); });
`;

/** Sets a header and prints from a `then` callback, which runs once the body returned. */
const FLOATING = `
var request = require('http/v4/request');
var response = require('http/v4/response');
var n = request.getParameter('n');
Promise.resolve().then(function () {
  response.setHeader('X-Later', n);
  response.print(' later');
});
response.print(n);
`;

/** A time limit the looping run reaches soon; the others never come near it. */
const TIMEOUT_MS = 300;
/** The heap limit of the isolates, MB: small, so the bomb fills it quickly. */
const MEMORY_LIMIT_MB = 16;

describe('series of runs in one isolate call (ScriptHost)', () => {
  let root: string;
  let queue: QueuedRun[];
  let delivered: ResultMessage[];
  let host: ScriptHost;
  let nextId: number;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'run-series-'));
    writeFileSync(path.join(root, 'counter.js'), COUNTER);
    writeFileSync(path.join(root, 'other.js'), COUNTER);
    writeFileSync(path.join(root, 'later.js'), LATER);
    writeFileSync(path.join(root, 'floating.js'), FLOATING);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /**
   * A host whose series clock reads `clock()` (default: always 0, so no series ever ends by age),
   * with a time limit of `timeout` ms.
   */
  function startHost(isolation: IsolationMode = 'script', clock: () => number = () => 0, timeout = TIMEOUT_MS): void {
    queue = [];
    delivered = [];
    nextId = 1;
    host = new ScriptHost(
      {
        root,
        timeout,
        deadline: 10 * timeout,
        memoryLimit: MEMORY_LIMIT_MB,
        isolation,
        contextsPerIsolate: 100,
        limits: DEFAULT_LIMITS,
      },
      {
        peekNext: () => queue[0],
        takeNext: () => queue.shift(),
        deliver: (result) => delivered.push(result),
        awaiting: () => undefined,
      },
      clock,
    );
  }
  afterEach(() => host.close());

  /** A run of `script` with query `query`; `mtimeMs` stands for the file's modification time. */
  function queued(script: string, query: string, mtimeMs = 1): QueuedRun {
    const request = requestSnapshot({ url: `/services/js/${script}?${query}`, scriptPath: script });
    return {
      message: {
        type: 'run',
        id: nextId++,
        script,
        mtimeMs,
        request: { time: request.time, read: () => request },
        session: undefined,
        settings: { maxInactiveInterval: 1800, canCreate: true, maxActiveSessions: 0, urlParameter: null },
      },
      arrival: 0,
    };
  }

  /** Runs the queue's first run the way worker-main.ts does; resolves with the results it delivered. */
  async function runNext(): Promise<ResultMessage[]> {
    const first = queue.shift();
    if (first === undefined) throw new Error('nothing queued');
    const before = delivered.length;
    await host.run(first);
    return delivered.slice(before);
  }

  function printed(result: ResultMessage | undefined): string {
    expect(result?.failure, JSON.stringify(result?.failure)).to.equal(undefined);
    return Buffer.from(result?.response.body ?? new Uint8Array()).toString('utf8');
  }

  it('runs the queued runs of the same script in the same call, each with its own request and result, in order', async () => {
    startHost();
    for (let n = 1; n <= 5; n++) queue.push(queued('counter.js', `n=${n}`));
    const results = await runNext();
    expect(results.map((result) => result.id)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(results.map(printed)).to.deep.equal(['1:1', '2:2', '3:3', '4:4', '5:5']);
    expect(queue).to.have.length(0);
  });

  it('ends a series at a run of another script, which then runs in its own context', async () => {
    startHost();
    queue.push(
      queued('counter.js', 'n=1'),
      queued('counter.js', 'n=2'),
      queued('other.js', 'n=3'),
      queued('counter.js', 'n=4'),
    );
    expect((await runNext()).map(printed)).to.deep.equal(['1:1', '2:2']);
    expect((await runNext()).map(printed)).to.deep.equal(['3:1']);
    expect((await runNext()).map(printed)).to.deep.equal(['4:3']);
  });

  it('ends a series at a run of the script as changed since: that run gets a fresh context', async () => {
    startHost();
    queue.push(queued('counter.js', 'n=1'), queued('counter.js', 'n=2'), queued('counter.js', 'n=3', 2));
    expect((await runNext()).map(printed)).to.deep.equal(['1:1', '2:2']);
    expect((await runNext()).map(printed)).to.deep.equal(['3:1']);
  });

  /**
   * Queues three runs of counter.js, the second with `query`, and checks that the second fails
   * alone with `code` (cut short): the first stands, the third runs next in a fresh context.
   */
  async function expectSecondRunFailsAlone(query: string, code: string): Promise<void> {
    queue.push(queued('counter.js', 'n=1'), queued('counter.js', `n=2&${query}`), queued('counter.js', 'n=3'));
    const results = await runNext();
    expect(results.map((result) => result.id)).to.deep.equal([1, 2]);
    expect(printed(results[0])).to.equal('1:1');
    expect(results[1]?.failure).to.include({ code });
    expect(results[1]?.stopped).to.equal(true);
    expect((await runNext()).map(printed)).to.deep.equal(['3:1']);
  }

  it('fails only the run that hits the time limit: the runs before it stand, those after it run next, in a fresh context', async () => {
    startHost();
    await expectSecondRunFailsAlone('loop=1', 'ERR_SCRIPT_TIMEOUT');
  });

  it('fails only the run that fills the heap: the runs before it stand, those after it run next, in a new isolate', async () => {
    // A generous time limit, so the bomb reaches the heap limit first, even on a busy machine.
    startHost('script', () => 0, 60_000);
    await expectSecondRunFailsAlone('bomb=1', 'ERR_MEMORY_LIMIT');
  });

  it('runs no series for a script with promise syntax: a run returning a promise ends when it settles, then the next starts', async () => {
    startHost();
    queue.push(queued('later.js', 'n=1'), queued('later.js', 'n=2'));
    expect((await runNext()).map(printed)).to.deep.equal(['later 1']);
    expect((await runNext()).map(printed)).to.deep.equal(['later 2']);
  });

  it("runs no series for a script with promise syntax: promise work a run left behind ends in that run's own result", async () => {
    startHost();
    for (let n = 1; n <= 3; n++) queue.push(queued('floating.js', `n=${n}`));
    const results = [...(await runNext()), ...(await runNext()), ...(await runNext())];
    expect(results.map(printed)).to.deep.equal(['1 later', '2 later', '3 later']);
    expect(results.map((result) => result.response.headers)).to.deep.equal([
      [['X-Later', '1']],
      [['X-Later', '2']],
      [['X-Later', '3']],
    ]);
  });

  it(`starts no run once the series is ${SERIES_MS} ms old`, async () => {
    // A clock that moves on by 0.6 of SERIES_MS at every reading: the series starts at 0, goes on
    // after its first run (read 0.6) and ends after its second (read 1.2).
    let now = 0;
    startHost('script', () => {
      const reading = now;
      now += 0.6 * SERIES_MS;
      return reading;
    });
    for (let n = 1; n <= 4; n++) queue.push(queued('counter.js', `n=${n}`));
    expect((await runNext()).map(printed)).to.deep.equal(['1:1', '2:2']);
    expect(queue).to.have.length(2);
  });

  it('runs one run per call in request isolation: every run has a context of its own', async () => {
    startHost('request');
    queue.push(queued('counter.js', 'n=1'), queued('counter.js', 'n=2'));
    expect((await runNext()).map(printed)).to.deep.equal(['1:1']);
    expect((await runNext()).map(printed)).to.deep.equal(['2:1']);
  });
});
