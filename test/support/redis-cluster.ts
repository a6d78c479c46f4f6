/**
 * A real three-master Redis Cluster for a spec: three `redis-server --cluster-enabled yes`
 * processes on loopback, joined with CLUSTER MEET and given a third of the hash slots each;
 * optionally with a password (`requirepass`) and over TLS only (`tls-port`, `tls-cluster yes`).
 */
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { RedisClientType } from 'redis';
import { RedisServer } from './redis-server.js';
import type { TestCa } from './test-ca.js';

/** How the cluster's nodes are reached: a password, TLS with a certificate of `ca`. */
export interface ClusterAccess {
  password?: string;
  tls?: TestCa;
}

const SLOTS = 16384;
const BUS_OFFSET = 10000;

export class RedisCluster {
  readonly nodes: RedisServer[];
  readonly #password: string | undefined;

  private constructor(nodes: RedisServer[], password: string | undefined) {
    this.nodes = nodes;
    this.#password = password;
  }

  /** URLs of the nodes (with the password, if any), for `createCluster({ rootNodes })`. */
  get urls(): string[] {
    return this.nodes.map((node) => withPassword(node.url, this.#password));
  }

  static async start(size = 3, access: ClusterAccess = {}): Promise<RedisCluster> {
    const { password, tls } = access;
    const secured = [
      ...(password === undefined ? [] : ['--requirepass', password, '--masterauth', password]),
      ...(tls === undefined ? [] : ['--tls-cluster', 'yes', '--tls-replication', 'yes']),
    ];
    const nodes: RedisServer[] = [];
    try {
      for (let i = 0; i < size; i++) {
        // The cluster bus listens on port + 10000, so both must be free.
        const port = await portWithFreeBus();
        nodes.push(
          await RedisServer.start(
            [
              '--cluster-enabled',
              'yes',
              '--cluster-config-file',
              'nodes.conf',
              '--cluster-node-timeout',
              '5000',
              ...secured,
            ],
            port,
            tls === undefined ? undefined : { ca: tls, authClients: false },
          ),
        );
      }
      await join(nodes, password);
      return new RedisCluster(nodes, password);
    } catch (error) {
      for (const node of nodes) await node.dispose();
      throw error;
    }
  }

  async dispose(): Promise<void> {
    for (const node of this.nodes) await node.dispose();
  }
}

/** `url` with `password` (none: unchanged). */
function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString().replace(/\/$/, '');
}

async function join(nodes: RedisServer[], password: string | undefined): Promise<void> {
  const clients: RedisClientType[] = [];
  try {
    for (const node of nodes) clients.push(await node.connectClient(password));
    const share = Math.ceil(SLOTS / nodes.length);
    for (const [index, client] of clients.entries()) {
      const slots = Array.from({ length: Math.min(share, SLOTS - index * share) }, (_, offset) =>
        String(index * share + offset),
      );
      await client.sendCommand(['CLUSTER', 'ADDSLOTS', ...slots]);
      if (index > 0)
        await (clients[0] as RedisClientType).sendCommand(['CLUSTER', 'MEET', '127.0.0.1', String(nodes[index]?.port)]);
    }
    // Gossip needs a moment to spread; wait (bounded by the spec's timeout) until every node says ok.
    for (const client of clients) {
      while (!String(await client.sendCommand(['CLUSTER', 'INFO'])).includes('cluster_state:ok')) await delay(50);
    }
  } finally {
    for (const client of clients) client.destroy();
  }
}

async function portWithFreeBus(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if ((await isFree(port)) && (await isFree(port + BUS_OFFSET))) return port;
  }
}

async function isFree(port: number): Promise<boolean> {
  const server = net.createServer();
  server.listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch {
    return false;
  }
  server.close();
  await once(server, 'close');
  return true;
}
