/**
 * The readiness probe against Redis servers that answer yet cannot keep sessions, each a real
 * redis-server: a read-only replica (every session write fails with READONLY) and a server that
 * refuses the runtime's password (the probe says why, never the password).
 */
import { expect } from 'chai';
import { fixturesDir } from '../../support/paths.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const opsDir = `${fixturesDir}ops`;
type Report = { status: string; checks: Record<string, { ok: boolean; detail: string }> };

describe('readiness against a Redis that cannot keep sessions', function () {
  this.timeout(30_000);

  it('is unready on a read-only replica, and ready once the replica is promoted', async () => {
    const primary = await RedisServer.start();
    const replica = await RedisServer.start(['--replicaof', '127.0.0.1', String(primary.port)]);
    let harness: Harness | undefined;
    try {
      harness = await startRuntime({ root: opsDir, redisUrl: replica.url, readinessPath: '/health/ready' });
      const unready = await harness.client().get('/health/ready');
      expect(unready.status).to.equal(503);
      expect(unready.json<Report>().checks['store']?.detail).to.match(/READONLY/);
      const client = await replica.connectClient();
      await client.sendCommand(['REPLICAOF', 'NO', 'ONE']);
      client.destroy();
      const ready = await harness.client().get('/health/ready');
      expect(ready.status, ready.text).to.equal(200);
    } finally {
      await harness?.close();
      await replica.dispose();
      await primary.dispose();
    }
  });

  it('names the refused password in the store check, without the password', async () => {
    const server = await RedisServer.start(['--requirepass', 'right-secret']);
    let harness: Harness | undefined;
    try {
      const url = `redis://:wrong-secret@127.0.0.1:${server.port}`;
      harness = await startRuntime({ root: opsDir, redisUrl: url, readinessPath: '/health/ready' });
      const unready = await harness.client().get('/health/ready');
      expect(unready.status).to.equal(503);
      expect(unready.json<Report>().checks['store']?.detail).to.match(/cannot connect: WRONGPASS/);
      expect(unready.text).not.to.include('secret');
    } finally {
      await harness?.close();
      await server.dispose();
    }
  });
});
