/**
 * A worker that cannot be spawned (no file descriptors left: an attacker holding connections open
 * can bring a server there) is retried with the pool's back-off; the main process keeps running and
 * serves again once descriptors are free. Runs `fd-exhaustion-child.ts` under a low `ulimit -n`, so
 * that exhausting them is quick and touches nothing else.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const child = fileURLToPath(new URL('../../support/fd-exhaustion-child.js', import.meta.url));

describe('a worker that cannot be spawned', () => {
  it('is retried after a back-off and logged; the main process survives and serves once descriptors are free', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        'sh',
        ['-c', 'ulimit -n 256 && exec "$0" --no-node-snapshot "$1"', process.execPath, child],
        { timeout: 30_000 },
        (error, stdout, stderr) =>
          error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`)),
      );
    });
    const seen = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
      before: number;
      after: number;
      body: string;
      startFailures: string[];
    };
    expect(seen.before).to.equal(200);
    expect(seen.after).to.equal(200);
    expect(seen.body).to.contain('hello');
    expect(seen.startFailures[0]).to.match(/sandbox worker \(unstarted\) stopped \(it could not be started: .*EMFILE/);
  });
});
