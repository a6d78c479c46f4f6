/**
 * The script console: `console.*` and the console modules reach the runtime's log with the script
 * path and the request id at the matching level, bounded per run in lines and bytes, and counted
 * in the response size limit.
 */
import { expect } from 'chai';
import { type CapturedLogger, capturedLogger, LEVEL } from '../../support/captured-logger.js';
import { fixturesDir } from '../../support/paths.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

const opsDir = `${fixturesDir}ops`;

describe('script console', () => {
  let harness: Harness;
  let log: CapturedLogger;

  before(async () => {
    log = capturedLogger();
    harness = await startRuntime({
      root: opsDir,
      logger: log.logger,
      maxConsoleLines: 6,
      maxConsoleBytes: 1000,
      maxResponseSize: 4000,
    });
  });
  after(() => harness.close());

  /** Requests `path` and resolves with the console lines of that request, once its access line is in. */
  async function consoleOf(path: string) {
    const response = await harness.client().get(path);
    const reqId = response.headers.get('x-request-id');
    await until(() => log.matching({ reqId, method: 'GET' }).length > 0);
    return { response, lines: log.matching({ reqId, source: 'console' }) };
  }

  it('logs each console method at its level, with the script and the request id', async () => {
    const { response, lines } = await consoleOf('/services/js/console-levels.js');
    expect(response.text).to.equal('done');
    expect(lines.map((line) => [line.level, line.msg.split('\n')[0]])).to.deep.equal([
      [LEVEL.info, 'log line 42 {"a":[1,"two"]} null undefined'],
      [LEVEL.info, 'info line'],
      [LEVEL.warn, 'warn line'],
      [LEVEL.error, 'error line TypeError: shown by its stack'],
      [LEVEL.debug, 'debug line'],
      [LEVEL.trace, 'Trace: trace line'],
    ]);
    expect(lines.every((line) => line['script'] === 'console-levels.js')).to.equal(true);
    expect(lines[3]?.msg).to.include('console-levels.js:5');
    expect(lines[5]?.msg).to.include('console-levels.js:7');
  });

  it('formats a message with placeholders, as Node does', async () => {
    const { lines } = await consoleOf('/services/js/console-format.js');
    expect(lines.map((line) => [line.level, line.msg])).to.deep.equal([
      [LEVEL.info, 'order 42 placed by alice'],
      [LEVEL.info, '3 items at 2.5 each, 7 in stock, {"sku":"a1"} [1,2]'],
      // A BigInt is shown with its n, as Node shows it.
      [LEVEL.warn, '1n left over two {"three":3} 4n'],
      [LEVEL.error, '100% sure, really "quoted"'],
      [LEVEL.info, 'no values for %s or %d'],
      [LEVEL.info, '50% off %x today'],
    ]);
  });

  it('console, core/console and core/v4/console are the global console', async () => {
    const { response, lines } = await consoleOf('/services/js/console-modules.js');
    expect(response.text).to.equal('true');
    expect(lines.map((line) => line.msg)).to.deep.equal(['from console', 'from core/console', 'from core/v4/console']);
  });

  it('an ES module script imports the console module', async () => {
    const { lines } = await consoleOf('/services/js/console-module.mjs');
    expect(lines.map((line) => [line.level, line.msg])).to.deep.equal([[LEVEL.warn, 'from an ES module']]);
  });

  it('keeps at most maxConsoleLines lines of a run, then says how many were dropped', async () => {
    const { response, lines } = await consoleOf('/services/js/console-flood.js?lines=50&size=1');
    expect(response.text).to.equal('wrote 50');
    expect(lines).to.have.length(7);
    expect(lines[6]).to.include({
      level: LEVEL.warn,
      msg: 'console: 44 more line(s) dropped (maxConsoleLines / maxConsoleBytes)',
    });
  });

  it('keeps at most maxConsoleBytes bytes of a run', async () => {
    const { lines } = await consoleOf('/services/js/console-flood.js?lines=4&size=400');
    expect(lines.map((line) => line.msg.length).slice(0, 2)).to.deep.equal([402, 402]);
    expect(lines[2]?.msg).to.include('2 more line(s) dropped');
    expect(lines).to.have.length(3);
  });

  it('counts console bytes in maxResponseSize: a line past it is dropped, and the body has what is left', async () => {
    const fits = await consoleOf('/services/js/console-then-output.js?console=900&bytes=3000');
    expect(fits.response.status).to.equal(200);
    expect(fits.lines.map((line) => line.msg.length)).to.deep.equal([900]);
    const over = await consoleOf('/services/js/console-then-output.js?console=900&bytes=3200');
    expect(over.response.status).to.equal(500);
    expect(over.response.json()).to.include({ code: 'ERR_RESPONSE_TOO_LARGE' });
  });
});
