/**
 * The package's `prepare` script where npm runs it on an installed copy: `npx dirigible-session` run
 * in node_modules/dirigible-session installs that folder as a package and runs its `prepare`. There
 * are no sources to build there, so it must leave the shipped build alone; in the repository it
 * builds.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { packageDir } from '../support/paths.js';

const run = promisify(execFile);

describe("the package's prepare script", function () {
  this.timeout(60_000);
  let installed: string;
  before(() => {
    installed = mkdtempSync(path.join(tmpdir(), 'installed-copy-'));
    copyFileSync(path.join(packageDir, 'package.json'), path.join(installed, 'package.json'));
    mkdirSync(path.join(installed, 'dist', 'main'), { recursive: true });
    writeFileSync(path.join(installed, 'dist', 'main', 'index.js'), 'export {};\n');
  });
  after(() => rmSync(installed, { recursive: true, force: true }));

  it('keeps the shipped build of an installed copy (no sources there) and succeeds', async () => {
    // Before, it ran the build, which deleted dist/ first and then found no TypeScript compiler:
    // the installed package was left without its build.
    await run('npm', ['run', 'prepare', '--silent'], { cwd: installed });
    expect(existsSync(path.join(installed, 'dist', 'main', 'index.js'))).to.equal(true);
  });
});
