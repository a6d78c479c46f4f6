/**
 * The script locator: found scripts are remembered for a short while, changes are seen after it.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ScriptLocator } from '../../../main/server/script-locator.js';

describe('ScriptLocator', () => {
  let root: string;
  let now: number;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'locator-')));
    now = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds a script and remembers it until the freshness window ends', () => {
    const file = path.join(root, 'a.js');
    writeFileSync(file, '1');
    utimesSync(file, 1000, 1000);
    const locator = new ScriptLocator(root, 1000, () => now);
    expect(locator.find('a.js')).to.deep.equal({ file, mtimeMs: 1_000_000, canonical: 'a.js' });
    utimesSync(file, 2000, 2000);
    now = 999;
    expect(locator.find('a.js')?.mtimeMs).to.equal(1_000_000);
    now = 1000;
    expect(locator.find('a.js')?.mtimeMs).to.equal(2_000_000);
  });

  it('does not remember misses, and forgets a script that was removed', () => {
    const locator = new ScriptLocator(root, 1000, () => now);
    expect(locator.find('b.js')).to.equal(undefined);
    writeFileSync(path.join(root, 'b.js'), '1');
    expect(locator.find('b.js')).to.not.equal(undefined);
    rmSync(path.join(root, 'b.js'));
    now = 1000;
    expect(locator.find('b.js')).to.equal(undefined);
  });

  it("names each file by its real path under the root however it was reached (the metrics' script label)", () => {
    mkdirSync(path.join(root, 'lib'));
    writeFileSync(path.join(root, 'lib', 'a.js'), '1');
    writeFileSync(path.join(root, 'lib', 'b.ts'), '1');
    symlinkSync('..', path.join(root, 'lib', 'up'));
    symlinkSync('a.js', path.join(root, 'lib', 'alias.js'));
    const locator = new ScriptLocator(root, 1000, () => now);
    for (const id of ['lib/a.js', 'lib/up/lib/a.js', 'lib/up/lib/up/lib/a.js', 'lib/alias.js'])
      expect(locator.find(id)?.canonical, id).to.equal('lib/a.js');
    expect(locator.find('lib/b.js')?.canonical).to.equal('lib/b.ts');
  });
});
