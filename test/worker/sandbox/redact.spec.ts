/**
 * Host paths are replaced in error text a client may see (a second line of defence: module ids
 * are already root-relative); a failure leaves the worker with its text cut and its stack's
 * TypeScript positions rewritten.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { hidePaths, hostPaths, redactedFailure } from '../../../worker/sandbox/redact.js';
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

  describe('redactedFailure', () => {
    const frames = (stack: string) => stack.replaceAll('app/x.ts:3:17', 'app/x.ts:6:17');

    it('rewrites the stack with frames, hides host paths in message and stack, leaves the rest', () => {
      const failure = {
        name: 'TypeError',
        code: '',
        message: `bad ${root}/a.js`,
        stack: `TypeError: bad\n    at f (app/x.ts:3:17)\n    at ${root}/b.js:1:1`,
      };
      expect(redactedFailure(failure, 1000, paths, frames)).to.deep.equal({
        name: 'TypeError',
        code: '',
        message: 'bad <root>/a.js',
        stack: 'TypeError: bad\n    at f (app/x.ts:6:17)\n    at <root>/b.js:1:1',
      });
    });

    it('cuts message and stack to the limit, the stack before frames sees it too', () => {
      const seen: number[] = [];
      const failure = { name: 'Error', code: '', message: 'm'.repeat(50), stack: 's'.repeat(100_000) };
      const redacted = redactedFailure(failure, 20, paths, (stack) => {
        seen.push(stack.length);
        return stack;
      });
      expect(redacted.message).to.equal(`${'m'.repeat(20)}… (cut at 20 characters)`);
      expect(redacted.stack).to.equal(`${'s'.repeat(20)}… (cut at 20 characters)`);
      expect(seen[0]).to.be.below(100);
    });

    it('cuts name and code to the limit too: a script chooses them as freely as its message', () => {
      const failure = { name: 'n'.repeat(50), code: 'c'.repeat(100_000), message: 'm' };
      const redacted = redactedFailure(failure, 20, paths, frames);
      expect(redacted.name).to.equal(`${'n'.repeat(20)}… (cut at 20 characters)`);
      expect(redacted.code).to.equal(`${'c'.repeat(20)}… (cut at 20 characters)`);
    });

    it('keeps a failure without a stack, or with an empty one, as it was', () => {
      const failure = { name: 'Error', code: 'ERR_X', message: 'm' };
      expect(redactedFailure(failure, 20, paths, frames)).to.deep.equal(failure);
      expect(redactedFailure({ ...failure, stack: '' }, 20, paths, frames)).to.deep.equal({ ...failure, stack: '' });
    });
  });
});
