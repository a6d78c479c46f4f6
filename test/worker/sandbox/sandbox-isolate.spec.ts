/**
 * SandboxIsolate.compile wraps a module's source in a function whose head shares the source's first
 * line; positions in stacks and syntax errors are still those of the file, first line included.
 */
import { expect } from 'chai';
import { type GuestBridge, SandboxContext } from '../../../worker/sandbox/sandbox-context.js';
import { SandboxIsolate } from '../../../worker/sandbox/sandbox-isolate.js';

const bridge: GuestBridge = {
  callFacade: () => undefined,
  load: () => ({ name: 'Error', code: 'ERR_MODULE_NOT_FOUND', message: 'no modules here' }),
  settle: () => undefined,
  following: () => undefined,
};

const RUN_LIMIT_MS = 30_000;

describe('SandboxIsolate', () => {
  let isolate: SandboxIsolate;
  let context: SandboxContext;
  beforeEach(() => {
    isolate = new SandboxIsolate(32);
    context = new SandboxContext(isolate, bridge);
  });
  afterEach(() => {
    context.release();
    isolate.dispose();
  });

  /** The stack of what module `id` of `source` threw when run. */
  function stackOf(id: string, source: string): string {
    context.define(id, source, false, RUN_LIMIT_MS);
    const outcome = context.runSeries(id, 1, RUN_LIMIT_MS, 0);
    return (JSON.parse(outcome ?? '{}') as { stack: string }).stack;
  }

  it("reports the columns of a module's first line as in the file", () => {
    const stack = stackOf('first.js', 'const value = null; value.field;\n');
    expect(stack.split('\n')[1]).to.equal('    at Object.<anonymous> (first.js:1:27)');
  });

  it('reports the other lines as in the file', () => {
    const stack = stackOf('second.js', '\n  null.field;\n');
    expect(stack.split('\n')[1]).to.equal('    at Object.<anonymous> (second.js:2:8)');
  });

  it("names a syntax error's first-line column as in the file", () => {
    expect(() => isolate.compile('broken.js', 'let x = ;', false)).to.throw(SyntaxError, /\[broken\.js:1:9\]$/);
  });
});
