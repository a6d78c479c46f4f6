/**
 * `serve` asked to stop twice (Ctrl-C twice, `docker stop` then `docker kill -s TERM`): the second
 * SIGINT or SIGTERM ends the process at once, as the signal's default action does, also when it is
 * a container's PID 1, where the kernel drops a signal whose action is the default: there it exits
 * with 128 + the signal's number. PID 1 is a real one, in a PID namespace of its own (`unshare`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const CHILD = fileURLToPath(new URL('../../support/stop-signals-child.js', import.meta.url));

/** Resolves with the first stdout line of `child` that matches `pattern`. */
function printed(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = pattern.exec(output);
      if (found === null) return;
      child.stdout?.off('data', onData);
      resolve(found);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`exited (${code ?? signal}) before printing ${pattern}`)));
  });
}

/** The process `unshare --fork` started: its only child, read from /proc. */
function forkedChild(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]);
}

/** True when this machine lets this process make a PID namespace (root, util-linux's unshare). */
function canUnshare(): boolean {
  return spawnSync('unshare', ['--pid', '--fork', 'true']).status === 0;
}

describe('cli: a second stop signal', function () {
  this.timeout(30_000);
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  for (const [signal, number] of [
    ['SIGTERM', 15],
    ['SIGINT', 2],
  ] as const) {
    it(`${signal} twice ends the process by ${signal}`, async () => {
      const started = spawn(process.execPath, [CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
      child = started;
      await printed(started, /ready \d+\n/);
      const stopping = printed(started, /stopping\n/);
      const ended = once(started, 'exit');
      started.kill(signal);
      await stopping;
      started.kill(signal);
      expect(await ended).to.deep.equal([null, signal]);
    });

    it(`${signal} twice ends a container's PID 1 with ${128 + number}`, async function () {
      if (!canUnshare()) this.skip();
      // unshare waits for its child and exits with its status.
      const started = spawn('unshare', ['--pid', '--fork', '--kill-child', process.execPath, CHILD], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = started;
      const [, pid] = (await printed(started, /ready (\d+)\n/)) as unknown as [string, string];
      expect(pid).to.equal('1');
      const pid1 = forkedChild(started.pid as number);
      const stopping = printed(started, /stopping\n/);
      const ended = once(started, 'exit');
      process.kill(pid1, signal);
      await stopping;
      process.kill(pid1, signal);
      expect(await ended).to.deep.equal([128 + number, null]);
    });
  }
});
