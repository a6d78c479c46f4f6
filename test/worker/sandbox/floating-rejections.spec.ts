/**
 * A promise a script starts and does not await (an async function called without `await` or
 * `return`) that rejects fails the request, as an unhandled rejection ends a Node process. Its
 * error is reported as any uncaught error of the script: its name and message, the code of an API
 * error, and in development mode the script's own stack (TypeScript positions mapped back), in a
 * CommonJS script as in an ES module. Through a real runtime and its worker.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../../support/runtime-harness.js';

/** The frames (`at …` lines, trimmed) of `stack`. */
function frames(stack: unknown): string[] {
  return String(stack)
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .map((line) => line.trim());
}

describe('promises a script does not await that reject', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ development: true });
  });
  after(() => harness.close());

  async function failure(script: string): Promise<Record<string, unknown>> {
    const response = await harness.client().get(`/services/js/async/${script}`);
    expect(response.status, response.text).to.equal(500);
    return response.json();
  }

  it('a CommonJS script: the error with the stack of the script', async () => {
    const body = await failure('floating-throw.js');
    expect(body).to.include({ error: 'Error', code: '', message: 'audit failed' });
    expect(frames(body['stack'])).to.deep.equal(['at audit (async/floating-throw.js:6:9)']);
  });

  it('an ES module script: the same', async () => {
    const body = await failure('floating-throw.mjs');
    expect(body).to.include({ error: 'Error', code: '', message: 'audit failed' });
    expect(frames(body['stack'])).to.deep.equal(['at audit (async/floating-throw.mjs:6:9)']);
  });

  it('a CommonJS TypeScript script: the positions of the TypeScript source', async () => {
    const body = await failure('floating-throw.ts');
    expect(body).to.include({ message: 'nightly failed' });
    expect(frames(body['stack'])).to.deep.equal(['at audit (async/floating-throw.ts:11:9)']);
  });

  it("a CommonJS script: an API error keeps its code, and the stack names the script's line", async () => {
    const body = await failure('floating-api-error.js');
    expect(body).to.include({ error: 'TypeError', code: 'ERR_INVALID_ATTRIBUTE' });
    expect(frames(body['stack'])).to.include('at remember (async/floating-api-error.js:6:11)');
  });

  it('the next request of the script is served from its warm context', async () => {
    const body = await failure('floating-throw.js');
    expect(body['message']).to.equal('audit failed');
  });
});
