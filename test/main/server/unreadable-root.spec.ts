/**
 * A script root the process may not read is refused at start-up, naming the option: served, it
 * would answer every script with 404 and log nothing. Checked in a child process run as an
 * unprivileged user (`nobody`) when the tests run as root, whom permissions do not stop.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { packageDir } from '../../support/paths.js';

const NOBODY = 65534;

describe('a script root the process may not read', () => {
  let parent: string;
  let root: string;
  before(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'unreadable-root-'));
    chmodSync(parent, 0o755);
    root = path.join(parent, 'scripts');
    mkdirSync(root);
    writeFileSync(path.join(root, 'hello.js'), "require('http/v4/response').print('hi');");
    chmodSync(root, 0o000);
  });
  after(() => {
    chmodSync(root, 0o755);
    rmSync(parent, { recursive: true, force: true });
  });

  it('is refused by createRuntime with ERR_INVALID_OPTION naming root', () => {
    const runtimeModule = pathToFileURL(path.join(packageDir, 'build/main/server/runtime.js')).href;
    const probe = `import(${JSON.stringify(runtimeModule)}).then(({ createRuntime }) => {
      try { createRuntime({ root: ${JSON.stringify(root)}, workers: 1 }); console.log('started'); process.exit(0); }
      catch (error) { console.log(error.code + ' ' + error.message); }
    });`;
    const asRoot = process.getuid?.() === 0;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
      encoding: 'utf8',
      timeout: 20_000,
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    expect(run.stderr).to.equal('');
    expect(run.stdout.trim()).to.equal(
      `ERR_INVALID_OPTION option "root" must be a directory this process may read (got ${root})`,
    );
  });
});
