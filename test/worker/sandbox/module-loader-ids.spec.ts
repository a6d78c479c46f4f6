/**
 * The module loader's memory by module id stays bounded when a symlink loop in the root gives one
 * TypeScript file endless ids.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_POSITION_IDS, ModuleLoader } from '../../../worker/sandbox/module-loader.js';

/** The `index`th spelling of `file` through the links `a` and `b` (both `-> .`), 14 links deep. */
function spelling(index: number, file: string): string {
  const links = index.toString(2).padStart(14, '0').replace(/0/g, 'a/').replace(/1/g, 'b/');
  return `${links}${file}`;
}

describe('module loader: position maps by module id', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'loader-ids-'));
    writeFileSync(path.join(root, 'lib.ts'), 'export const n: number = 1;\n');
    symlinkSync('.', path.join(root, 'a'));
    symlinkSync('.', path.join(root, 'b'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it(`keeps those of at most MAX_POSITION_IDS ids, the latest (one file named ${MAX_POSITION_IDS + 1} ways)`, () => {
    const loader = new ModuleLoader(root);
    for (let index = 0; index <= MAX_POSITION_IDS; index++) {
      const module = loader.script(spelling(index, 'lib.ts'));
      if (module === undefined) throw new Error(`not found: ${spelling(index, 'lib.ts')}`);
      loader.source(module);
    }
    expect(loader.positionsOf(spelling(0, 'lib.ts'))).to.equal(undefined);
    expect(loader.positionsOf(spelling(MAX_POSITION_IDS, 'lib.ts'))).to.not.equal(undefined);
    expect(loader.positionsOf(spelling(1, 'lib.ts'))).to.equal(
      loader.positionsOf(spelling(MAX_POSITION_IDS, 'lib.ts')),
    );
  });
});
