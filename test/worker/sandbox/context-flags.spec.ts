/**
 * The V8 flags a sandbox worker sets for its contexts (context-flags.ts), in a fresh Node process
 * as a worker is: before them a new isolated-vm context has WebAssembly and resizable (growable)
 * array buffers built in, after them it has none, the process's own realm keeps its WebAssembly,
 * and asm.js code still gives its answers; a regular expression that backtracks catastrophically
 * answers at once, with the matches the backtracking engine gives.
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
const resizable = 'typeof new ArrayBuffer(1, { maxByteLength: 8 }).resize + " " + typeof new SharedArrayBuffer(1, { maxByteLength: 8 }).grow';
const before = [inContext('typeof WebAssembly'), inContext(resizable)];
applyContextFlags();
const after = [inContext('typeof WebAssembly'), inContext(resizable)];
// Without the fallback engine the first takes hours, the second minutes: the timeout makes that a failure.
const catastrophic = "[/^(a+)+$/.test('a'.repeat(40) + 'b'), /^[/]([^/]+?)-([^/]+?)-([^/]+?)-([^/]+?)[.]json$/.exec('/' + '-'.repeat(3000) + 'x'), /^[/]([^/]+?)-([^/]+?)[.]json$/.exec('/a-b-c.json').slice(1)]";
const regexps = isolate.createContextSync().evalSync('JSON.stringify(' + catastrophic + ')', { timeout: 20000 });
console.log(JSON.stringify({ before, after, realm: typeof WebAssembly, asm: inContext(asm), regexps: JSON.parse(regexps) }));
`;

describe('context flags (worker/sandbox/context-flags.ts)', () => {
  it('keep WebAssembly and resizable array buffers out of new contexts, asm.js working, and catastrophic regular expressions linear', () => {
    const output = execFileSync(process.execPath, ['--no-node-snapshot', '--input-type=module', '-e', probe], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).to.deep.equal({
      before: ['object', 'function function'],
      after: ['undefined', 'undefined undefined'],
      realm: 'object',
      asm: 124,
      regexps: [false, null, ['a', 'b-c']],
    });
  });
});
