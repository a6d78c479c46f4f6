/**
 * A runtime serving examples/ with its sessions in a real Redis Cluster, through the cluster client
 * docs/multi-machine.md shows (`disableOfflineQueue`), for the cluster fault specs; what the store
 * and the runtime log is kept in `logged`.
 */
import { createCluster, type RedisClusterType } from 'redis';
import { RedisStore } from '../../main/session/redis/redis-store.js';
import { examplesDir } from './paths.js';
import { type ClusterAccess, RedisCluster } from './redis-cluster.js';
import { type Harness, startRuntime } from './runtime-harness.js';

export interface ClusterRuntime {
  cluster: RedisCluster;
  client: RedisClusterType;
  harness: Harness;
  /** Every line the store and the runtime logged. */
  logged: string[];
  /** Closes the runtime, the client and the cluster. */
  close(): Promise<void>;
}

export async function startClusterRuntime(access: ClusterAccess = {}): Promise<ClusterRuntime> {
  const logged: string[] = [];
  const log = (line: string) => void logged.push(line);
  const cluster = await RedisCluster.start(3, access);
  const client: RedisClusterType = createCluster({
    rootNodes: cluster.urls.map((url) => ({ url })),
    defaults: { disableOfflineQueue: true },
  });
  client.on('error', () => undefined);
  let harness: Harness | undefined;
  const close = async () => {
    await harness?.close();
    if (client.isOpen) await client.close();
    await cluster.dispose();
  };
  try {
    await client.connect();
    harness = await startRuntime({ root: examplesDir, store: new RedisStore({ client, log }), log });
  } catch (error) {
    await close();
    throw error;
  }
  return { cluster, client, harness, logged, close };
}
