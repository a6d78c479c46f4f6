/**
 * No orphans: SIGTERM to the `npm start` process stops the server and its workers, a server
 * re-run by the bin shim (started without --no-node-snapshot) stops when the shim dies, even by
 * SIGKILL, and a worker in the middle of a run dies with a server killed by SIGKILL. And the shim
 * ends as the server it re-ran did, by the same signal (a second Ctrl-C is 130 in a shell, not 1).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { packageDir, scriptsDir } from '../../support/paths.js';

/** Every process below `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents)
      if (ppid === parent && !found.includes(child)) walk(found[found.push(child) - 1] as number);
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (polling, bounded by the spec's timeout) until none of `pids` runs. */
async function allGone(pids: number[]): Promise<void> {
  while (pids.some(alive)) await delay(50);
}

/** The CPU time (clock ticks) `pid` has used, read from /proc. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The URL the server prints once it listens. */
const URL_PATTERN = /http:\/\/[\d.]+:\d+/;

/** Starts `command args`, resolves once it printed a URL, with every process it started by then. */
async function started(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (URL_PATTERN.test(output)) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${output}`)));
  });
  child.removeAllListeners('exit');
  return { child, tree: descendants(child.pid as number), url: URL_PATTERN.exec(output)?.[0] as string };
}

describe('no orphans', function () {
  this.timeout(90_000);

  it('SIGTERM to the npm start process stops the server and its workers', async () => {
    const { child, tree } = await started('npm', ['start'], { PORT: '0', DIRIGIBLE_SESSION_WORKERS: '1' });
    expect(tree.length).to.be.at.least(2);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    await allGone(tree);
  });

  it('a server re-run by the bin shim stops when the shim is killed with SIGKILL', async () => {
    const shim = path.join(packageDir, 'bin/dirigible-session.js');
    const { child, tree } = await started(
      process.execPath,
      [shim, 'serve', scriptsDir, '--port', '0', '--workers', '1'],
      {},
    );
    expect(tree.length).to.be.at.least(2);
    child.kill('SIGKILL');
    await allGone(tree);
  });

  it('the bin shim ends by the signal that ended the server it re-ran', async () => {
    const shim = path.join(packageDir, 'bin/dirigible-session.js');
    const { child, tree } = await started(
      process.execPath,
      [shim, 'serve', scriptsDir, '--port', '0', '--workers', '1'],
      {},
    );
    const [server] = tree;
    const exited = once(child, 'exit');
    // SIGHUP ends the server at once, by its default action, as a second Ctrl-C does.
    process.kill(server as number, 'SIGHUP');
    expect(await exited).to.deep.equal([null, 'SIGHUP']);
    await allGone(tree);
  });

  it('a worker in the middle of a run dies with a server killed by SIGKILL', async function () {
    // The run would hold its worker for a minute; the worker must go within a few seconds.
    this.timeout(20_000);
    const root = mkdtempSync(path.join(tmpdir(), 'dirigible-orphan-'));
    writeFileSync(path.join(root, 'spin.js'), 'while (true) {}\n');
    const shim = path.join(packageDir, 'bin/dirigible-session.js');
    const { child, tree, url } = await started(
      process.execPath,
      ['--no-node-snapshot', shim, 'serve', root, '--port', '0', '--workers', '1', '--timeout', '60000'],
      {},
    );
    try {
      const [worker] = tree;
      expect(tree).to.have.lengthOf(1);
      void fetch(`${url}/services/js/spin.js`).catch(() => undefined);
      // The worker is in the run once it uses CPU time (polled, bounded by the spec's timeout).
      const idle = cpuTicks(worker as number);
      while (cpuTicks(worker as number) < idle + 100) await delay(50);
      child.kill('SIGKILL');
      await allGone(tree);
    } finally {
      for (const pid of tree.filter(alive)) process.kill(pid, 'SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });
});
