/**
 * Positions in what the runtime reports about a TypeScript script are those of its TypeScript
 * source, not of the JavaScript esbuild made of it (where erased interfaces and types, and lowered
 * decorators, moved them): the stack of a failure in development mode, in the error body and in
 * the log; console lines that hold a stack; a compile error's message. CommonJS and ES module
 * `.ts` files, a throw at the top level, in a function, in an imported helper, in a decorated
 * controller's handler, a promise that rejects, through the real runtime and its worker. The
 * expected positions were counted by hand in the fixtures (test/fixtures/scripts/dirigible/ts/errors).
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type CapturedLogger, capturedLogger, LEVEL } from '../support/captured-logger.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';
import { until } from '../support/until.js';

const DIR = 'dirigible/ts/errors';

/** The frames (`at …` lines, trimmed) of `stack`. */
function frames(stack: unknown): string[] {
  return String(stack)
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .map((line) => line.trim());
}

describe('TypeScript positions in stacks and errors', () => {
  let harness: Harness;
  let log: CapturedLogger;
  before(async () => {
    log = capturedLogger();
    harness = await startRuntime({ development: true, logger: log.logger });
  });
  after(() => harness.close());

  /** Requests `script` (under DIR); answers its JSON error body and the failure's log line. */
  async function failure(script: string): Promise<{ body: Record<string, unknown>; logged: Record<string, unknown> }> {
    const response = await harness.client().get(`/services/ts/${DIR}/${script}`);
    expect(response.status).to.equal(500);
    const id = response.headers.get('x-request-id');
    await until(() => log.matching({ reqId: id, level: LEVEL.error }).length > 0);
    const [logged = {}] = log.matching({ reqId: id, level: LEVEL.error });
    return { body: response.json() as Record<string, unknown>, logged };
  }

  it('a CommonJS script failing in a function below types: the error body and the log', async () => {
    const { body, logged } = await failure('commonjs-throw.ts');
    const expected = [
      `at total (${DIR}/commonjs-throw.ts:9:29)`,
      `at Object.<anonymous> (${DIR}/commonjs-throw.ts:11:44)`,
    ];
    expect(frames(body['stack']).slice(0, 2)).to.deep.equal(expected);
    expect(frames(logged['stack']).slice(0, 2)).to.deep.equal(expected);
  });

  it('the same on the next request, from the warm context', async () => {
    const { body } = await failure('commonjs-throw.ts');
    expect(frames(body['stack'])[0]).to.equal(`at total (${DIR}/commonjs-throw.ts:9:29)`);
  });

  it('an ES module throwing at its top level', async () => {
    const { body, logged } = await failure('top-level-throw.ts');
    expect(body['message']).to.equal('GET is not allowed');
    expect(frames(body['stack'])).to.deep.equal([`at ${DIR}/top-level-throw.ts:11:45`]);
    expect(frames(logged['stack'])).to.deep.equal([`at ${DIR}/top-level-throw.ts:11:45`]);
  });

  it('an ES module calling an imported TypeScript helper that throws', async () => {
    const { body } = await failure('module-throw.ts');
    expect(frames(body['stack'])).to.deep.equal([
      `at parse (${DIR}/lib/parse.ts:9:34)`,
      `at ${DIR}/module-throw.ts:9:32`,
    ]);
  });

  it("a decorated controller's handler; the decorator helpers esbuild adds have no position", async () => {
    const { body, logged } = await failure('controller-throw.ts/stock/pear');
    for (const stack of [body['stack'], logged['stack']]) {
      const inScript = frames(stack).filter((frame) => frame.includes('.ts'));
      expect(inScript).to.deep.equal([
        `at StockController.stock (${DIR}/controller-throw.ts:15:53)`,
        `at __runInitializers (${DIR}/controller-throw.ts)`,
        `at ${DIR}/controller-throw.ts:12:1`,
      ]);
    }
  });

  it('a CommonJS script whose returned promise rejects', async () => {
    const { body } = await failure('commonjs-reject.ts');
    expect(body['message']).to.equal('nightly failed');
    expect(frames(body['stack'])[0]).to.equal(`at run (${DIR}/commonjs-reject.ts:9:9)`);
  });

  it('an ES module whose top-level await rejects', async () => {
    const { body, logged } = await failure('module-reject.ts');
    const expected = [`at run (${DIR}/module-reject.ts:11:9)`, `at async ${DIR}/module-reject.ts:13:1`];
    expect(frames(body['stack'])).to.deep.equal(expected);
    expect(frames(logged['stack'])).to.deep.equal(expected);
  });

  it('console lines that hold a stack: a logged error and console.trace', async () => {
    const response = await harness.client().get(`/services/ts/${DIR}/console-stack.ts`);
    expect(response.text).to.equal('logged');
    const id = response.headers.get('x-request-id');
    await until(() => log.matching({ reqId: id, source: 'console' }).length === 2);
    const [error, trace] = log.matching({ reqId: id, source: 'console' });
    expect(error?.level).to.equal(LEVEL.error);
    expect(frames(error?.msg).slice(0, 2)).to.deep.equal([
      `at log (${DIR}/console-stack.ts:8:17)`,
      `at Object.<anonymous> (${DIR}/console-stack.ts:11:1)`,
    ]);
    expect(trace?.level).to.equal(LEVEL.trace);
    expect(frames(trace?.msg).filter((frame) => frame.includes('.ts'))).to.deep.equal([
      `at log (${DIR}/console-stack.ts:9:11)`,
      `at Object.<anonymous> (${DIR}/console-stack.ts:11:1)`,
    ]);
  });

  it("the position in a compile error's message (a top-level await esbuild lets through in CommonJS)", async () => {
    const { body } = await failure('commonjs-await.ts');
    expect(body).to.include({ error: 'SyntaxError' });
    expect(body['message']).to.match(new RegExp(`\\[${DIR}/commonjs-await\\.ts:6:1\\]$`));
  });
});

describe('TypeScript positions follow an edited file', () => {
  let root: string;
  let harness: Harness;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ts-positions-'));
    harness = await startRuntime({ root, development: true });
  });
  after(async () => {
    await harness.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Writes `edited.ts` with `above` before its throw, a minute later than the last time. */
  function write(above: string, minutes: number): void {
    const file = path.join(root, 'edited.ts');
    writeFileSync(file, `${above}const fail = (): never => {\n  throw new Error('edited');\n};\nfail();\n`);
    const time = new Date(Date.now() + minutes * 60_000);
    utimesSync(file, time, time);
  }

  const stack = async () =>
    frames((await harness.client().get('/services/js/edited.ts')).json<{ stack: string }>().stack);

  it('a version with more types above the throw reports the lines moved', async () => {
    write('type A = string;\n', 1);
    expect(await stack()).to.deep.include.members(['at fail (edited.ts:3:9)', 'at Object.<anonymous> (edited.ts:5:1)']);
    write('type A = string;\ninterface B {\n  b: A;\n}\n', 2);
    expect(await stack()).to.deep.include.members(['at fail (edited.ts:6:9)', 'at Object.<anonymous> (edited.ts:8:1)']);
  });
});
