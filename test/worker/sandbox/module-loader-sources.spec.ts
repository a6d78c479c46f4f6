/**
 * The module loader's sources stay bounded when files come and go: scripts deployed under new
 * names are never asked for again once deleted, and their text must not stay for ever.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ModuleLoader, SOURCE_LIMITS } from '../../../worker/sandbox/module-loader.js';

describe('module loader: sources kept', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'loader-sources-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Writes version `n` of a script (`chars` characters), loads it, deletes it. */
  function serveVersion(loader: ModuleLoader, n: number, chars = 20): string {
    const name = `v${n}.js`;
    const text = `// ${'x'.repeat(Math.max(0, chars - 20))}\nvar v = ${n};`;
    writeFileSync(path.join(root, name), text);
    const module = loader.script(name);
    if (module === undefined) throw new Error(`not found: ${name}`);
    const source = loader.source(module);
    rmSync(path.join(root, name));
    return source;
  }

  it('keeps the sources of at most `files` files (40 versions served and deleted, limit 5)', () => {
    const loader = new ModuleLoader(root, { files: 5, chars: SOURCE_LIMITS.chars });
    for (let n = 0; n < 40; n++) serveVersion(loader, n);
    expect(loader.sourcesKept).to.be.at.most(5);
  });

  it('keeps at most `chars` characters of source (1,000-character files, limit 2,500)', () => {
    const loader = new ModuleLoader(root, { files: SOURCE_LIMITS.files, chars: 2500 });
    for (let n = 0; n < 40; n++) expect(serveVersion(loader, n, 1000)).to.have.string(`var v = ${n};`);
    expect(loader.sourcesKept).to.be.at.most(2);
  });

  it('still reads a file again after its source was forgotten', () => {
    const loader = new ModuleLoader(root, { files: 1, chars: SOURCE_LIMITS.chars });
    writeFileSync(path.join(root, 'a.js'), 'var a = 1;');
    writeFileSync(path.join(root, 'b.js'), 'var b = 2;');
    const a = loader.script('a.js');
    const b = loader.script('b.js');
    if (a === undefined || b === undefined) throw new Error('not found');
    expect(loader.source(a)).to.equal('var a = 1;');
    expect(loader.source(b)).to.equal('var b = 2;');
    expect(loader.source(a)).to.equal('var a = 1;');
    expect(loader.sourcesKept).to.equal(1);
  });
});
