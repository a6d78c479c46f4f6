/**
 * The cause a stopped worker's stderr gives, read from what a real Node process prints when it dies
 * of an uncaught error: the error's message (all its lines), never Node's closing `Node.js v…` line.
 */
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { stderrCause } from '../../../main/supervisor/stderr-cause.js';

/** What Node prints on stderr when `code` (an ES module) throws. */
function stderrOf(code: string): string {
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', code], { encoding: 'utf8' });
  expect(run.status).to.equal(1);
  return run.stderr;
}

describe('stderrCause', () => {
  it("gives a missing module's error, as a worker whose isolated-vm has no native build prints it", () => {
    const stderr = stderrOf(
      "import { createRequire } from 'node:module'; createRequire(import.meta.url)('./out/isolated_vm');",
    );
    expect(stderr).to.match(/Node\.js v\d+/);
    expect(stderrCause(stderr)).to.equal("Error: Cannot find module './out/isolated_vm'");
  });

  it('gives a coded error with its code', () => {
    const stderr = stderrOf("import { readFileSync } from 'node:fs'; readFileSync('/nonexistent/x');");
    expect(stderrCause(stderr)).to.equal("Error: ENOENT: no such file or directory, open '/nonexistent/x'");
  });

  it('gives every line of a message that runs over several, joined', () => {
    const stderr = stderrOf(
      "throw new RangeError('The module was compiled against\\na different Node.js version\\nPlease rebuild it');",
    );
    expect(stderrCause(stderr)).to.equal(
      'RangeError: The module was compiled against a different Node.js version Please rebuild it',
    );
  });

  it('gives the last line that says something when no error was printed', () => {
    expect(stderrCause('warming up\nout of luck\n\n')).to.equal('out of luck');
    expect(stderrCause(stderrOf("throw 'a bare string';"))).to.equal('a bare string');
    expect(stderrCause('')).to.equal('');
  });
});
