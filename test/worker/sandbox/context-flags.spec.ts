/**
 * The V8 flags a sandbox worker sets for its contexts (context-flags.ts), in a fresh Node process
 * as a worker is: before them a new isolated-vm context has WebAssembly built in, after them it has
 * none, the process's own realm keeps its own, and asm.js code still gives its answers.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';

const flagsModule = new URL('../../../worker/sandbox/context-flags.js', import.meta.url).href;

/** What a fresh process sees, as JSON: the flags are applied between `before` and `after`. */
const probe = `
import ivm from 'isolated-vm';
import { applyContextFlags } from ${JSON.stringify(flagsModule)};
const isolate = new ivm.Isolate({ memoryLimit: 32 });
const inContext = (code) => isolate.createContextSync().evalSync(code);
const asm = 'function M(stdlib) { "use asm"; function f(x) { x = x | 0; return (x * 3 + 1) | 0; } return { f: f }; } M(globalThis).f(41)';
const before = inContext('typeof WebAssembly');
applyContextFlags();
console.log(JSON.stringify({ before, after: inContext('typeof WebAssembly'), realm: typeof WebAssembly, asm: inContext(asm) }));
`;

describe('context flags (worker/sandbox/context-flags.ts)', () => {
  it('keep WebAssembly out of new contexts only, and asm.js working', () => {
    const output = execFileSync(process.execPath, ['--no-node-snapshot', '--input-type=module', '-e', probe], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).to.deep.equal({ before: 'object', after: 'undefined', realm: 'object', asm: 124 });
  });
});
