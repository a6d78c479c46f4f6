/**
 * A real Redis Sentinel set for a spec: a master, one replica of it, and one sentinel watching
 * them (quorum 1, the master deemed down after `DOWN_AFTER_MS` of silence), all `redis-server`
 * processes on free loopback ports. `crashMaster` kills the master (SIGKILL) and `promoted` waits,
 * by asking the sentinel, until the replica has taken its place; `crashSentinel` and
 * `restartSentinel` take the sentinel away and bring it back. With `failover: false` the replica
 * has `replica-priority 0`, so the sentinel deems a dead master down (`o_down`) and never replaces
 * it. No mocked Redis anywhere.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient, type RedisClientType } from 'redis';
import { freePort, RedisServer } from './redis-server.js';

/** The master set's name the sentinel watches. */
export const MASTER_NAME = 'mymaster';
/** How long the master must be silent before the sentinel deems it down, ms. */
const DOWN_AFTER_MS = 500;

export class RedisSentinelSet {
  /** The servers: the first is the master at the start, the second its replica. */
  readonly servers: [RedisServer, RedisServer];
  readonly sentinelPort: number;
  #sentinel: ChildProcess;
  readonly #dir: string;

  private constructor(servers: [RedisServer, RedisServer], sentinelPort: number, sentinel: ChildProcess, dir: string) {
    this.servers = servers;
    this.sentinelPort = sentinelPort;
    this.#sentinel = sentinel;
    this.#dir = dir;
  }

  /** `127.0.0.1:PORT` of the sentinel, as `--redis-sentinel` takes it. */
  get sentinelAddress(): string {
    return `127.0.0.1:${this.sentinelPort}`;
  }

  static async start(options: { failover?: boolean } = {}): Promise<RedisSentinelSet> {
    const master = await RedisServer.start();
    const priority = options.failover === false ? ['--replica-priority', '0'] : [];
    const replica = await RedisServer.start(['--replicaof', '127.0.0.1', String(master.port), ...priority]).catch(
      async (error: unknown) => {
        await master.dispose();
        throw error;
      },
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'dirigible-sentinel-'));
    let sentinel: ChildProcess | undefined;
    try {
      await untilReplicated(replica);
      const port = await freePort();
      const conf = path.join(dir, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master.port} 1`,
          `sentinel down-after-milliseconds ${MASTER_NAME} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${MASTER_NAME} 5000`,
          '',
        ].join('\n'),
      );
      sentinel = spawnSentinel(dir);
      const set = new RedisSentinelSet([master, replica], port, sentinel, dir);
      await set.#untilSentinelSees(replica.port);
      return set;
    } catch (error) {
      sentinel?.kill('SIGKILL');
      await master.dispose();
      await replica.dispose();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** A connected client of the sentinel itself; the caller closes it. */
  async sentinelClient(): Promise<RedisClientType> {
    for (;;) {
      const client: RedisClientType = createClient({ socket: { host: '127.0.0.1', port: this.sentinelPort } });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return client;
      } catch {
        client.destroy();
        await delay(20);
      }
    }
  }

  /** The port of the master the sentinel names now. */
  async masterPort(): Promise<number> {
    const client = await this.sentinelClient();
    try {
      const reply = (await client.sendCommand(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER_NAME])) as string[];
      return Number(reply[1]);
    } finally {
      client.destroy();
    }
  }

  /** Kills the master (SIGKILL), as a crash or a lost machine would. */
  async crashMaster(): Promise<RedisServer> {
    const port = await this.masterPort();
    const master = this.servers.find((server) => server.port === port) as RedisServer;
    await master.crash();
    return master;
  }

  /** Waits (bounded by the spec's timeout) until the sentinel names `server` the master. */
  async promoted(server: RedisServer): Promise<void> {
    while ((await this.masterPort()) !== server.port) await delay(50);
  }

  /** Waits until the sentinel has found the replica at `port` (it learns of it from the master's INFO). */
  async #untilSentinelSees(port: number): Promise<void> {
    const client = await this.sentinelClient();
    try {
      for (;;) {
        const replicas = (await client.sendCommand(['SENTINEL', 'REPLICAS', MASTER_NAME])) as string[][];
        if (replicas.some((fields) => fields.join(' ').includes(`port ${port}`))) return;
        await delay(50);
      }
    } finally {
      client.destroy();
    }
  }

  /** Kills the sentinel (SIGKILL) and waits for it to exit. */
  async crashSentinel(): Promise<void> {
    const sentinel = this.#sentinel;
    if (sentinel.exitCode !== null || sentinel.signalCode !== null) return;
    const exited = once(sentinel, 'exit');
    sentinel.kill('SIGKILL');
    await exited;
  }

  /** Starts the sentinel again, from the configuration it rewrote, on its port; resolves once it answers. */
  async restartSentinel(): Promise<void> {
    this.#sentinel = spawnSentinel(this.#dir);
    (await this.sentinelClient()).destroy();
  }

  async dispose(): Promise<void> {
    await this.crashSentinel();
    for (const server of this.servers) await server.dispose();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** A sentinel process on the configuration `sentinel.conf` in `dir`. */
function spawnSentinel(dir: string): ChildProcess {
  return spawn('redis-server', [path.join(dir, 'sentinel.conf'), '--sentinel'], { stdio: 'ignore' });
}

/** Waits until `replica` has synchronised with its master. */
async function untilReplicated(replica: RedisServer): Promise<void> {
  const client = await replica.connectClient();
  try {
    while (!(await client.info('replication')).includes('master_link_status:up')) await delay(20);
  } finally {
    client.destroy();
  }
}
