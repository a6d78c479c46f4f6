/**
 * SourcePositions: stack frames and compile errors of TypeScript modules pointed back at the
 * TypeScript source, with the position maps of real transpiled files; everything else as it was.
 */
import { expect } from 'chai';
import type { PositionMap } from '../../../worker/sandbox/position-map.js';
import { SourcePositions } from '../../../worker/sandbox/source-positions.js';
import { transpileTypeScript } from '../../../worker/sandbox/typescript.js';

// Transpiled, `read` is on lines 1-3 and its call on line 4; `.x` is column 24 of line 2.
const SOURCE = `interface Point {
  x: number;
}
type Name = string;

function read(point: Point): number {
  return (point as any).missing.x;
}
read({ x: 1 });
`;

describe('SourcePositions', () => {
  const maps = new Map<string, PositionMap>();
  for (const id of ['app/x.ts', 'my app/a (1).ts']) maps.set(id, transpileTypeScript(id, SOURCE).positions);
  const positions = new SourcePositions((id) => maps.get(id));

  it('rewrites named, anonymous and async frames of a TypeScript module', () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading 'x')",
      '    at read (app/x.ts:2:24)',
      '    at new Reader (app/x.ts:2:24)',
      '    at app/x.ts:4:1',
      '    at async app/x.ts:4:1',
    ].join('\n');
    expect(positions.frames(stack).split('\n')).to.deep.equal([
      "TypeError: Cannot read properties of undefined (reading 'x')",
      '    at read (app/x.ts:7:33)',
      '    at new Reader (app/x.ts:7:33)',
      '    at app/x.ts:9:1',
      '    at async app/x.ts:9:1',
    ]);
  });

  it('finds ids with spaces and parentheses', () => {
    const stack = 'Error\n    at read (my app/a (1).ts:2:24)\n    at my app/a (1).ts:4:1';
    expect(positions.frames(stack)).to.equal('Error\n    at read (my app/a (1).ts:7:33)\n    at my app/a (1).ts:9:1');
  });

  it('leaves frames of other modules, and the message at the head, as they were', () => {
    const stack = [
      'SyntaxError: app/x.ts:2:24: quoted at app/x.ts:2:24',
      '    at f (lib/util.js:2:24)',
      '    at g (other.ts:2:24)',
      '    at evaluate (kernel.js:332:9)',
    ].join('\n');
    expect(positions.frames(stack)).to.equal(stack);
  });

  it('drops the position of a frame in code the transpiler added', () => {
    const helpers = transpileTypeScript(
      'app/c.ts',
      'function d(t: unknown, c: ClassMethodDecoratorContext) {}\nclass C { @d m(): void {} }\n',
    );
    expect(helpers.code.split('\n')[0]).to.match(/^var __/);
    const withHelpers = new SourcePositions(() => helpers.positions);
    expect(withHelpers.frames('Error\n    at __runInitializers (app/c.ts:1:20)\n    at app/c.ts:1:1')).to.equal(
      'Error\n    at __runInitializers (app/c.ts)\n    at app/c.ts',
    );
  });

  it('returns text without a TypeScript frame unchanged', () => {
    expect(positions.frames('Trace: here\n    at f (main.js:1:1)')).to.equal('Trace: here\n    at f (main.js:1:1)');
    expect(positions.frames('')).to.equal('');
  });

  it("points the position at the end of a compile error's message at the source, in place", () => {
    const error = new SyntaxError('await is only valid in async functions [app/x.ts:4:1]');
    expect(positions.compileError(error)).to.equal(error);
    expect(error.message).to.equal('await is only valid in async functions [app/x.ts:9:1]');
    const other = new SyntaxError('Unexpected token [lib/util.js:4:1]');
    expect((positions.compileError(other) as Error).message).to.equal('Unexpected token [lib/util.js:4:1]');
    expect(positions.compileError('not an error')).to.equal('not an error');
  });
});
