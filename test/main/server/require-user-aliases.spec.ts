/**
 * `requireUser` holds for a file however a request names it: a symlink inside the root (a loop
 * such as `self -> .`, or a directory alias) gives a script under a required prefix a path outside
 * it. The prefixes are checked against the path the request named and the file's real path under
 * the root.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';

describe('requireUser and symlinks in the root', () => {
  let root: string;
  let runtime: Runtime;
  let url: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'require-user-aliases-'));
    mkdirSync(path.join(root, 'admin'));
    writeFileSync(path.join(root, 'admin', 'secret.js'), 'require("http/v4/response").print("secret");');
    writeFileSync(path.join(root, 'open.js'), 'require("http/v4/response").print("open");');
    symlinkSync('.', path.join(root, 'self'));
    symlinkSync('admin', path.join(root, 'alias'));
    runtime = createRuntime({ root, workers: 1, sweepInterval: 0, log: () => undefined, requireUser: ['admin/'] });
    ({ url } = await runtime.listen(0, '127.0.0.1'));
  });

  after(async () => {
    await runtime.close();
    rmSync(root, { recursive: true, force: true });
  });

  for (const script of [
    'js/admin/secret.js',
    'js/self/admin/secret.js',
    'js/alias/secret.js',
    'js/self/alias/secret.js',
    // Spellings a guard of the app's own that matches URLs misses (docs/embedding.md), which the
    // runtime's own check holds against.
    'ts/admin/secret.js',
    'js/%61dmin/secret.js',
  ]) {
    it(`/services/${script}: 401 without a user`, async () => {
      const response = await fetch(`${url}/services/${script}`);
      // Before, only the path as requested was checked: the aliases answered 200 "secret".
      expect(response.status).to.equal(401);
      expect(await response.text()).to.not.include('secret"');
    });
  }

  it('a script outside the prefixes, through a symlink too, needs no user', async () => {
    for (const script of ['open.js', 'self/open.js']) {
      const response = await fetch(`${url}/services/js/${script}`);
      expect(response.status).to.equal(200);
      expect(await response.text()).to.equal('open');
    }
  });
});
