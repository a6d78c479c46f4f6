/**
 * Host paths are replaced in error text a client may see (a second line of defence: module ids
 * are already root-relative).
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { hidePaths, hostPaths } from '../../../worker/sandbox/redact.js';
import { packageDir } from '../../support/paths.js';

describe('redact', () => {
  const root = path.join(packageDir, 'test', 'fixtures', 'scripts');
  const paths = hostPaths(root);

  it('replaces the script root, the package, the working and home directories', () => {
    const text = `ENOENT: no such file or directory, open '${root}/lib/gone.js' (from ${process.cwd()}/x, ${homedir()}/y, ${packageDir}http/kernel.js)`;
    const hidden = hidePaths(text, paths);
    expect(hidden).to.equal(
      "ENOENT: no such file or directory, open '<root>/lib/gone.js' (from <host>/x, <host>/y, <host>/http/kernel.js)",
    );
  });

  it('replaces the longest path first, so the root is not shown as part of the package', () => {
    expect(paths[0]?.[0].length).to.be.at.least(paths.at(-1)?.[0].length ?? 0);
    expect(hidePaths(`${root}/a.js`, paths)).to.equal('<root>/a.js');
  });

  it('leaves text without host paths alone', () => {
    expect(hidePaths('require: cannot find module "./missing"', paths)).to.equal(
      'require: cannot find module "./missing"',
    );
  });
});
