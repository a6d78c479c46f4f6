/**
 * A real three-master Redis Cluster for a spec: three `redis-server --cluster-enabled yes`
 * processes on loopback, joined with CLUSTER MEET and given a third of the hash slots each;
 * optionally with a password (`requirepass`) and over TLS only (`tls-port`, `tls-cluster yes`),
 * and optionally with a replica per master (`CLUSTER REPLICATE`). A spec can move a slot between
 * masters step by step (`CLUSTER SETSLOT ... IMPORTING / MIGRATING`, `MIGRATE`, `SETSLOT ... NODE`,
 * what `redis-cli --cluster reshard` does) and fail a master over (SIGKILL, then its replica takes
 * over), without waiting on timing.
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
  /** One replica per master (`replicas`), for failovers. */
  withReplicas?: boolean;
}

const SLOTS = 16384;
const BUS_OFFSET = 10000;
/** How long `failOver` waits for every master to see the promoted replica before it fails, naming what they see. */
const FAILOVER_LIMIT_MS = 20_000;
/** How often `failOver` asks again for a takeover the replica has not acted on. */
const RETAKEOVER_MS = 3_000;

export class RedisCluster {
  /** The nodes started as masters, each with a share of the slots. */
  readonly nodes: RedisServer[];
  /** Replica `i` replicates master `i` (empty without `withReplicas`). */
  readonly replicas: RedisServer[];
  readonly #password: string | undefined;
  /** The replicas a failover made masters. */
  readonly #promoted = new Set<RedisServer>();

  private constructor(nodes: RedisServer[], replicas: RedisServer[], password: string | undefined) {
    this.nodes = nodes;
    this.replicas = replicas;
    this.#password = password;
  }

  /** URLs of the nodes (with the password, if any), for `createCluster({ rootNodes })`. */
  get urls(): string[] {
    return this.nodes.map((node) => withPassword(node.url, this.#password));
  }

  static async start(size = 3, access: ClusterAccess = {}): Promise<RedisCluster> {
    const { password, tls, withReplicas = false } = access;
    const secured = [
      ...(password === undefined ? [] : ['--requirepass', password, '--masterauth', password]),
      ...(tls === undefined ? [] : ['--tls-cluster', 'yes', '--tls-replication', 'yes']),
    ];
    const nodes: RedisServer[] = [];
    try {
      for (let i = 0; i < (withReplicas ? 2 * size : size); i++) {
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
      const cluster = new RedisCluster(nodes.slice(0, size), nodes.slice(size), password);
      await join(cluster.nodes, password);
      await cluster.#addReplicas();
      return cluster;
    } catch (error) {
      for (const node of nodes) await node.dispose();
      throw error;
    }
  }

  /** A client of one node, for the cluster commands a spec sends; the caller destroys it. */
  admin(node: RedisServer): Promise<RedisClientType> {
    return node.connectClient(this.#password);
  }

  /** Runs `command` on `node` (a client of its own, closed after). */
  async on(node: RedisServer, command: string[]): Promise<unknown> {
    const client = await this.admin(node);
    try {
      return await client.sendCommand(command);
    } finally {
      client.destroy();
    }
  }

  /** The node id of `node` (`CLUSTER MYID`). */
  async idOf(node: RedisServer): Promise<string> {
    return String(await this.on(node, ['CLUSTER', 'MYID']));
  }

  /** The hash slot of `key` (`CLUSTER KEYSLOT`). */
  async slotOf(key: string): Promise<number> {
    return Number(await this.on(this.#live(), ['CLUSTER', 'KEYSLOT', key]));
  }

  /** The running node that `node`'s view (`CLUSTER NODES`) says serves `slot` as master. */
  async ownerOf(slot: number, asSeenBy: RedisServer = this.#live()): Promise<RedisServer> {
    const owner = (await nodesView(this, asSeenBy)).find((line) => line.flags.includes('master') && line.serves(slot));
    const node = [...this.nodes, ...this.replicas].find((candidate) => candidate.port === owner?.port);
    if (node === undefined) throw new Error(`RedisCluster.ownerOf: no master serves slot ${slot}`);
    return node;
  }

  /**
   * Starts moving `slot` from `source` to `target`: `IMPORTING` on the target, then `MIGRATING` on
   * the source (the order `redis-cli --cluster reshard` uses). Keys of the slot stay on the source
   * until `migrateKeys`; the source answers `ASK` for the ones it no longer holds.
   */
  async beginMigration(slot: number, source: RedisServer, target: RedisServer): Promise<void> {
    await this.on(target, ['CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', await this.idOf(source)]);
    await this.on(source, ['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', await this.idOf(target)]);
  }

  /** Moves up to `count` keys of `slot` from `source` to `target` with `MIGRATE`; resolves the keys moved. */
  async migrateKeys(slot: number, source: RedisServer, target: RedisServer, count = 1000): Promise<string[]> {
    const keys = ((await this.on(source, ['CLUSTER', 'GETKEYSINSLOT', String(slot), String(count)])) as unknown[]).map(
      String,
    );
    if (keys.length === 0) return keys;
    const auth = this.#password === undefined ? [] : ['AUTH', this.#password];
    await this.on(source, ['MIGRATE', '127.0.0.1', String(target.port), '', '0', '5000', ...auth, 'KEYS', ...keys]);
    return keys;
  }

  /**
   * Ends moving `slot` to `target`: `SETSLOT ... NODE` on the target, the source, then every other
   * master (as `redis-cli` does); from then on the source answers `MOVED`.
   */
  async finishMigration(slot: number, source: RedisServer, target: RedisServer): Promise<void> {
    const targetId = await this.idOf(target);
    const others = this.#masters().filter((node) => node !== source && node !== target);
    for (const node of [target, source, ...others])
      await this.on(node, ['CLUSTER', 'SETSLOT', String(slot), 'NODE', targetId]);
  }

  /** The replica of `master` (with `withReplicas`). */
  replicaOf(master: RedisServer): RedisServer {
    const replica = this.replicas[this.nodes.indexOf(master)];
    if (replica === undefined) throw new Error('RedisCluster.replicaOf: the cluster has no replica of that node');
    return replica;
  }

  /**
   * Kills `master` (SIGKILL) and promotes its replica at once with `CLUSTER FAILOVER TAKEOVER`
   * (what the replicas do by themselves after `cluster-node-timeout`), then waits until every running
   * master sees the replica serve the slots, asking again for a takeover the replica did not act on;
   * fails after `FAILOVER_LIMIT_MS` with what the masters see. Resolves the new master.
   */
  async failOver(master: RedisServer): Promise<RedisServer> {
    const replica = this.replicaOf(master);
    const replicaId = await this.idOf(replica);
    await master.crash();
    await this.on(replica, ['CLUSTER', 'FAILOVER', 'TAKEOVER']);
    this.#promoted.add(replica);
    const deadline = Date.now() + FAILOVER_LIMIT_MS;
    let retakeAt = Date.now() + RETAKEOVER_MS;
    for (const node of this.#masters()) {
      for (;;) {
        const view = await nodesView(this, node);
        if (view.some((line) => line.id === replicaId && line.flags.includes('master') && line.slots.length > 0)) break;
        if (Date.now() > deadline)
          throw new Error(
            `RedisCluster: node ${node.port} did not see replica ${replica.port} as master within ${FAILOVER_LIMIT_MS} ms:\n${view.map((line) => `${line.port} ${line.flags.join(',')} ${line.slots.join(' ')}`).join('\n')}`,
          );
        // A takeover the replica did not act on (it still calls itself a replica) is asked for again.
        if (Date.now() > retakeAt) {
          retakeAt = Date.now() + RETAKEOVER_MS;
          const own = (await nodesView(this, replica)).find((line) => line.id === replicaId);
          if (own !== undefined && !own.flags.includes('master'))
            await this.on(replica, ['CLUSTER', 'FAILOVER', 'TAKEOVER']).catch(() => undefined);
        }
        await delay(20);
      }
    }
    return replica;
  }

  async dispose(): Promise<void> {
    for (const node of [...this.nodes, ...this.replicas]) await node.dispose();
  }

  /** The running masters: those started as masters, and the replicas a failover promoted. */
  #masters(): RedisServer[] {
    return [...this.nodes, ...this.#promoted].filter((node) => node.running);
  }

  #live(): RedisServer {
    const node = this.#masters()[0];
    if (node === undefined) throw new Error('RedisCluster: no node is running');
    return node;
  }

  /** Makes `replicas[i]` a replica of `nodes[i]` and waits until each has its master's data link up. */
  async #addReplicas(): Promise<void> {
    if (this.replicas.length === 0) return;
    const first = this.nodes[0] as RedisServer;
    for (const replica of this.replicas) {
      await this.on(first, ['CLUSTER', 'MEET', '127.0.0.1', String(replica.port)]);
    }
    for (const [index, replica] of this.replicas.entries()) {
      const masterId = await this.idOf(this.nodes[index] as RedisServer);
      // The replica must know its master (gossip) before it can replicate it.
      while (!String(await this.on(replica, ['CLUSTER', 'NODES'])).includes(masterId)) await delay(20);
      await this.on(replica, ['CLUSTER', 'REPLICATE', masterId]);
    }
    for (const replica of this.replicas) {
      while (!String(await this.on(replica, ['INFO', 'replication'])).includes('master_link_status:up'))
        await delay(20);
    }
    for (const node of [...this.nodes, ...this.replicas]) {
      while (!String(await this.on(node, ['CLUSTER', 'INFO'])).includes('cluster_state:ok')) await delay(20);
    }
  }
}

/** One line of `CLUSTER NODES`. */
interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  slots: string[];
  serves(slot: number): boolean;
}

async function nodesView(cluster: RedisCluster, node: RedisServer): Promise<NodeLine[]> {
  const text = String(await cluster.on(node, ['CLUSTER', 'NODES']));
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', address = '', flags = '', , , , , , ...slots] = line.split(' ');
      const ranges = slots.filter((slot) => !slot.startsWith('['));
      return {
        id,
        port: Number(address.slice(address.indexOf(':') + 1, address.indexOf('@'))),
        flags: flags.split(','),
        slots: ranges,
        serves: (slot: number) =>
          ranges.some((range) => {
            const [from, to = from] = range.split('-').map(Number) as [number, number?];
            return slot >= from && slot <= (to as number);
          }),
      };
    });
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
