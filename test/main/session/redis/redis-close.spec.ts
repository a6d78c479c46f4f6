/**
 * Closing a `RedisStore` that made its own client, at once after constructing it: while the first
 * connection is still being made. The close waits for that attempt instead of racing it, so no
 * connection is left open: the process exits by itself, and Redis sees the connection go.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { RedisClientType } from 'redis';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { freePort, RedisServer } from '../../../support/redis-server.js';

const child = fileURLToPath(new URL('../../../support/redis-close-child.js', import.meta.url));

/** Runs the child on `url`: its exit code and output, or `'still running'` if it has not exited within `limitMs`. */
async function closeInChild(
  url: string,
  limitMs = 15_000,
): Promise<{ code: number | null | 'still running'; output: string }> {
  const process_ = spawn(process.execPath, [child, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  process_.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(process_, 'exit').then(([code]) => code as number | null);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), limitMs);
  });
  const code = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (code === 'still running') {
    process_.kill('SIGKILL');
    await exited;
  }
  return { code, output };
}

describe('RedisStore: close() right after construction', () => {
  let server: RedisServer;
  let admin: RedisClientType;

  before(async function () {
    this.timeout(30_000);
    server = await RedisServer.start();
    admin = await server.connectClient();
  });
  after(async () => {
    await admin?.close();
    await server?.dispose();
  });

  it('lets the process exit by itself (three times over)', async function () {
    this.timeout(60_000);
    for (let run = 1; run <= 3; run++) {
      expect(await closeInChild(server.url), `run ${run}`).to.deep.equal({ code: 0, output: 'closed\n' });
    }
  });

  it('lets the process exit by itself when nothing listens at the URL', async function () {
    this.timeout(30_000);
    expect(await closeInChild(`redis://127.0.0.1:${await freePort()}`)).to.deep.equal({ code: 0, output: 'closed\n' });
  });

  it('leaves no connection open in Redis', async function () {
    this.timeout(30_000);
    const connections = async () => (await admin.clientList()).length;
    const before = await connections();
    for (let i = 0; i < 5; i++) await new RedisStore({ url: server.url }).close();
    // Redis drops a connection as soon as it reads its QUIT or sees it cut: wait for that, bounded.
    const limit = Date.now() + 10_000;
    while ((await connections()) > before && Date.now() < limit) await new Promise((resolve) => setImmediate(resolve));
    expect(await connections()).to.equal(before);
  });
});
