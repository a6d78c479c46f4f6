/**
 * A script root given through a symlink (`ln -s examples linked; serve linked`) serves its scripts:
 * routing and the module loader both resolve the root's real path once (common/script-root.ts).
 * Before, routing compared real script paths with the unresolved root and answered 404 for all.
 */
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ScriptRoot } from '../../../common/script-root.js';
import { scriptsDir } from '../../support/paths.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('a script root given through a symlink', () => {
  let dir: string;
  let linked: string;
  let harness: Harness | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'linked-root-'));
    linked = path.join(dir, 'linked');
    symlinkSync(scriptsDir, linked, 'dir');
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves its scripts, and the modules they require', async () => {
    harness = await startRuntime({ root: linked });
    const hello = await harness.client().get('/services/js/hello.js');
    expect(hello.status).to.equal(200);
    expect(hello.text).to.equal('hello');
    const usesLib = await harness.client().get('/services/js/uses-lib.js');
    expect(usesLib.status).to.equal(200);
    expect(usesLib.text).to.match(/^hello from lib /);
  });

  it('still answers 404 for a path outside the real root', async () => {
    harness = await startRuntime({ root: linked });
    const outside = await harness.client().get('/services/js/%2e%2e/outside/secret.js');
    expect(outside.status).to.equal(404);
  });

  it('resolves to the real directory once; files are found under it', () => {
    const root = new ScriptRoot(linked);
    expect(root.path).to.equal(realpathSync(scriptsDir));
    expect(root.find('hello.js')?.file).to.equal(path.join(realpathSync(scriptsDir), 'hello.js'));
    expect(root.find('missing.js')).to.equal(undefined);
  });
});
