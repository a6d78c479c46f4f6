/**
 * Dirigible's loggers (log/logging and its other names, sdk/log) over HTTP, as Dirigible's own
 * scripts log: Dirigible 6's DAO and REST code (log/v4/logging), Dirigible 8's SDK
 * (@dirigible/log/logging), Dirigible 10's job handler (sdk/log) and the newest SDK's Tracer
 * (@aerokit/sdk/log). Each spec reads the lines the runtime logged: the logger's name as `logger`,
 * the level as the line's, the text as SLF4J formats it.
 */
import { expect } from 'chai';
import { type CapturedLogger, capturedLogger, LEVEL, type LogLine } from '../support/captured-logger.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { until } from '../support/until.js';

const base = '/services/js/dirigible/log';

describe("Dirigible's loggers (log/logging, sdk/log)", () => {
  let harness: Harness;
  let log: CapturedLogger;

  before(async () => {
    log = capturedLogger();
    harness = await startRuntime({ logger: log.logger, maxConsoleLines: 20 });
  });
  after(() => harness.close());

  /** Requests `path`; resolves with the response and its console lines, once its access line is in. */
  async function linesOf(path: string) {
    const response = await harness.client().get(path);
    const reqId = response.headers.get('x-request-id');
    await until(() => log.matching({ reqId, method: 'GET' }).length > 0);
    return { response, lines: log.matching({ reqId, source: 'console' }) };
  }

  const shown = (lines: LogLine[]) => lines.map((line) => [line.level, line['logger'], line.msg.split('\n')[0]]);

  it("Dirigible 6's DAO style: log/v4/logging's lines name the logger app.<name>, at INFO and above", async () => {
    const { response, lines } = await linesOf(`${base}/dao.js`);
    expect(response.status, response.text).to.equal(200);
    expect(response.text).to.equal('{"id":7}');
    expect(shown(lines)).to.deep.equal([
      [LEVEL.info, 'app.db.dao', 'Finding ORDERS[7] entity'],
      [LEVEL.info, 'app.db.dao', 'Finding ORDERS[-1] entity'],
      [LEVEL.error, 'app.db.dao', 'Finding ORDERS[-1] entity failed'],
      [LEVEL.warn, 'app.http.rs.controller', 'Unmatched request: GET /x'],
    ]);
    // The error's stack follows the message, its frames at the script's lines.
    const stack = (lines[2]?.msg ?? '').split('\n');
    expect(stack[1]).to.equal('Error: no such id: -1');
    expect(stack[2]).to.match(/^ {4}at .*dao\.js:13:/);
    expect(lines.every((line) => line['script'] === 'dirigible/log/dao.js')).to.equal(true);
  });

  it("formats messages as SLF4J does: {} take the arguments, objects as JSON, an Error argument's stack after", async () => {
    const { lines } = await linesOf(`${base}/format.js`);
    expect(shown(lines)).to.deep.equal([
      [LEVEL.info, 'app.format', 'order 42 by alice for 2.5'],
      [LEVEL.info, 'app.format', 'object {"id":1,"tags":["a"]} array [1,"two"] null null undefined null bool true'],
      [LEVEL.info, 'app.format', 'left over one'],
      [LEVEL.info, 'app.format', 'missing one and {}'],
      [LEVEL.info, 'app.format', 'escaped {} then a and \\b'],
      [LEVEL.info, 'app.format', 'no arguments: {} and 100%s stay'],
      [LEVEL.info, 'app.format', "console placeholders %s %d are not SLF4J's x"],
      [LEVEL.warn, 'app.format', 'last argument error ctx'],
      [LEVEL.warn, 'app.format', 'first argument error ctx'],
      [LEVEL.error, 'app.format', 'through log() at error'],
      [LEVEL.info, 'app.format', '12345'],
      [LEVEL.info, 'app.format', 'detached works'],
    ]);
    expect(lines[7]?.msg.split('\n')[1]).to.equal('Error: last');
    expect(lines[8]?.msg.split('\n')[1]).to.equal('TypeError: first');
    expect(lines[2]?.msg).to.equal('left over one');
  });

  it('an Error as the message shows its stack (promise.catch(logger.error)); arguments it cannot read never throw', async () => {
    const { response, lines } = await linesOf(`${base}/errors.mjs`);
    expect(response.status, response.text).to.equal(200);
    expect(response.json()).to.deep.equal([]);
    expect(shown(lines)).to.deep.equal([
      [LEVEL.error, 'app.errors', 'Error: as the message'],
      [LEVEL.warn, 'app.errors', 'last [value that cannot be shown]'],
      [LEVEL.warn, 'app.errors', 'first [value that cannot be shown] then b'],
      [LEVEL.warn, 'app.errors', '[value that cannot be shown]'],
      [LEVEL.error, 'app.errors', 'TypeError: rejected'],
    ]);
    expect(lines[0]?.msg.split('\n')[1]).to.match(/^ {4}at .*errors\.mjs:16:/);
    expect(lines[4]?.msg.split('\n')[1]).to.match(/^ {4}at .*errors\.mjs:22:/);
  });

  it('keeps levels per logger name for the run: INFO until setLevel(), inherited by the names under it', async () => {
    const { response, lines } = await linesOf(`${base}/levels.js`);
    expect(response.json()).to.deep.equal({
      before: [false, true, false],
      chained: true,
      again: true,
      child: [true, false],
      other: false,
      childWarn: [false, true, true],
      unknownIsDebug: [true, false],
      off: false,
      root: true,
    });
    expect(shown(lines)).to.deep.equal([
      [LEVEL.debug, 'app.orders', 'debug now'],
      [LEVEL.debug, 'app.orders.db', 'inherited from orders'],
      [LEVEL.trace, 'app.fresh', 'trace from fresh'],
    ]);
  });

  for (const script of ['per-request.mjs', 'per-request.js']) {
    it(`a level set lasts for its run only, in a warm context too (${script})`, async () => {
      for (let run = 0; run < 3; run++) {
        const { response } = await linesOf(`${base}/${script}`);
        expect(response.json(), `run ${run}`).to.deep.equal({ before: false, after: true });
      }
    });
  }

  it('a level set holds in promise work the run left behind, and the next run starts at INFO', async () => {
    for (let run = 0; run < 2; run++) {
      const { response, lines } = await linesOf(`${base}/left-behind.js`);
      expect(response.text, `run ${run}`).to.equal('true');
      expect(shown(lines), `run ${run}`).to.deep.equal([[LEVEL.debug, 'app.left-behind', 'debug from promise work']]);
    }
    const { response } = await linesOf(`${base}/per-request.js`);
    expect(response.json()).to.deep.equal({ before: false, after: true });
  });

  it('Dirigible 10\'s job handler: import { logging } from "sdk/log" in TypeScript', async () => {
    const { response, lines } = await linesOf('/services/ts/dirigible/log/job-handler.ts');
    expect(response.text).to.equal('ok');
    expect(shown(lines)).to.deep.equal([
      [
        LEVEL.info,
        'app.test-job-handler.ts',
        'Job: found [1] books. Books: [[{"Title":"test-title-01","Author":"test-author-01"}]]',
      ],
    ]);
  });

  it("the newest SDK's Tracer: Logging and Logger from @aerokit/sdk/log, the error's stack at the TypeScript line", async () => {
    const { response, lines } = await linesOf('/services/ts/dirigible/log/Tracer.ts');
    expect(response.text).to.equal('traced');
    expect(shown(lines)).to.deep.equal([
      [LEVEL.info, 'app.bpm.tracer', 'Completed: step one'],
      [LEVEL.error, 'app.bpm.tracer', 'Failed: step two'],
    ]);
    expect(lines[1]?.msg.split('\n')[1]).to.equal('Error: step two broke');
    expect(lines[1]?.msg).to.match(/Tracer\.ts:27:/);
  });

  it("Dirigible 8's names: @dirigible/log/logging as a namespace, @dirigible/log, sdk/log/logging", async () => {
    const { lines } = await linesOf(`${base}/dirigible8.mjs`);
    expect(shown(lines)).to.deep.equal([
      [LEVEL.info, 'app.dirigible8', 'from @dirigible/log/logging'],
      [LEVEL.info, 'app.dirigible8', 'from @dirigible/log'],
      [LEVEL.info, 'app.dirigible8', 'from sdk/log/logging'],
    ]);
  });

  it('every name is the same module', async () => {
    const { response } = await linesOf(`${base}/names.js`);
    expect(response.json()).to.deep.equal({
      same: true,
      sdk: true,
      sdkNames: true,
      classes: 'function:true',
      keys: ['Logger', 'Logging', 'logging'],
    });
  });

  it("a logger's lines count against the run's console limits, as console lines do", async () => {
    const { response, lines } = await linesOf(`${base}/flood.js`);
    expect(response.text).to.equal('wrote 30');
    expect(lines).to.have.length(21);
    expect(lines[19]?.msg).to.equal('line 19');
    expect(lines[20]?.['logger']).to.equal(undefined);
    expect(lines[20]?.msg).to.match(/^console: 10 more line\(s\) dropped/);
  });
});
