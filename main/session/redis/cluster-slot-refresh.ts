/**
 * Keeps a node-redis cluster client's slot map current when a master stops answering. node-redis
 * learns the map again only when a node answers `MOVED` (a reshard), which a dead master never
 * does: after a failover (the master killed, its replica promoted) every command for the dead
 * master's slots still went to its address and failed, for as long as the process ran. So while a
 * node's connection fails (its client's `node-error` events, which go on with every reconnection
 * attempt), the map is read again (`CLUSTER SLOTS` from a master that answers), at most once per
 * `REFRESH_INTERVAL_MS`: once the replica has taken over, the next refresh sends the slots to it
 * and drops the dead node's client.
 *
 * node-redis has no public call for this; its cluster client's own `_slots.rediscover(client)` is
 * what its `MOVED` handling calls. Without it (another node-redis), nothing is refreshed and the
 * loss is still logged.
 */
import { connectionFailure } from './redis-connection.js';

/** Longest a refresh waits after the last one started, ms: one `CLUSTER SLOTS` per second at most while a node is down. */
export const REFRESH_INTERVAL_MS = 1000;

/** Where a cluster node is, as node-redis's `node-error` and `node-ready` events give it. */
interface NodeAddress {
  host: string;
  port: number;
}

/** What this uses of a node-redis cluster client (`createCluster`). */
export interface RefreshableCluster {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  readonly masters: { address: string; client?: { isReady: boolean } }[];
}

/** node-redis's internal slot map, with the refresh its `MOVED` handling calls. */
interface SlotMap {
  rediscover(startWith: unknown): Promise<void>;
}

export class ClusterSlotRefresh {
  readonly #cluster: RefreshableCluster;
  readonly #log: (line: string, level?: 'info' | 'warn') => void;
  readonly #slots: SlotMap | undefined;
  /** Nodes whose connection failed and did not come back, by `host:port`: logged once each. */
  readonly #down = new Set<string>();
  #running = false;
  #lastStart = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  /** Watches `cluster` (a client the caller connects and closes) until `close()`. */
  constructor(cluster: RefreshableCluster, log: (line: string, level?: 'info' | 'warn') => void) {
    this.#cluster = cluster;
    this.#log = log;
    const slots = (cluster as { _self?: { _slots?: unknown } })._self?._slots as Partial<SlotMap> | undefined;
    this.#slots = typeof slots?.rediscover === 'function' ? (slots as SlotMap) : undefined;
    cluster.on('node-error', this.#nodeError);
    cluster.on('node-ready', this.#nodeReady);
  }

  /** Stops watching; a refresh under way finishes. */
  close(): void {
    this.#cluster.off('node-error', this.#nodeError);
    this.#cluster.off('node-ready', this.#nodeReady);
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #nodeError = (error: Error, node: NodeAddress) => {
    const address = `${node.host}:${node.port}`;
    if (!this.#down.has(address)) {
      this.#down.add(address);
      this.#log(
        `redis cluster: node ${address} unreachable (${connectionFailure(error)}); reading the slot map again until its slots answer elsewhere, and requests for them get 503 meanwhile`,
      );
    }
    this.#schedule();
  };

  readonly #nodeReady = (node: NodeAddress) => {
    const address = `${node.host}:${node.port}`;
    if (this.#down.delete(address)) this.#log(`redis cluster: node ${address} answers again`, 'info');
  };

  /** Refreshes now, or once `REFRESH_INTERVAL_MS` after the last refresh started; one at a time. */
  #schedule(): void {
    if (this.#slots === undefined || this.#running || this.#timer !== undefined) return;
    const wait = this.#lastStart + REFRESH_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      void this.#refresh();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#refresh();
    }, wait);
    this.#timer.unref();
  }

  async #refresh(): Promise<void> {
    const slots = this.#slots as SlotMap;
    this.#running = true;
    this.#lastStart = Date.now();
    const before = this.#masterAddresses();
    try {
      // Start from a master that answers; node-redis falls back to the root nodes when it does not.
      const masters = this.#cluster.masters;
      const start = (masters.find((master) => master.client?.isReady) ?? masters[0])?.client;
      if (start === undefined) return;
      await slots.rediscover(start);
    } catch {
      // node-redis reports a failed refresh on the cluster's 'error' event; the next node error retries.
    } finally {
      this.#running = false;
    }
    const after = this.#masterAddresses();
    if (after !== before) this.#log(`redis cluster: slot map read again; masters now ${after}`, 'info');
    // Dropped from the map (a failed-over master): its client is closed and reports nothing more.
    for (const address of this.#down) if (!after.split(', ').includes(address)) this.#down.delete(address);
  }

  #masterAddresses(): string {
    return this.#cluster.masters
      .map((master) => master.address)
      .sort()
      .join(', ');
  }
}
