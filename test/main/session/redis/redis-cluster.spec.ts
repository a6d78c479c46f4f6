/**
 * The Redis store on a real three-master Redis Cluster, through node-redis's cluster client:
 * the same store contract as on one server, with sessions spread over the masters.
 */
import { expect } from 'chai';
import { createCluster, type RedisClusterType } from 'redis';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import type { SessionStore } from '../../../../main/session/store.js';
import { record } from '../../../support/store-contract-core.js';
import { describeStoreContract } from '../../../support/store-contract.js';
import { RedisCluster } from '../../../support/redis-cluster.js';

describe('RedisStore on a Redis Cluster', function () {
  this.timeout(60_000);
  let cluster: RedisCluster;
  const connections = new Map<SessionStore, RedisClusterType>();
  let stores = 0;

  before(async () => {
    cluster = await RedisCluster.start();
  });
  after(() => cluster?.dispose());

  /** A store on a cluster client of its own (as another machine would have). */
  async function clusterStore(prefix: string): Promise<RedisStore> {
    const client: RedisClusterType = createCluster({
      rootNodes: cluster.urls.map((url) => ({ url })),
      defaults: { disableOfflineQueue: true },
    });
    client.on('error', () => undefined);
    await client.connect();
    const store = new RedisStore({ client, prefix });
    connections.set(store, client);
    return store;
  }

  describeStoreContract('RedisStore (cluster client)', {
    create: () => clusterStore(`cluster${++stores}:`),
    peer: (store) => clusterStore((store as RedisStore).prefix),
    dispose: async (store) => {
      await store.close?.();
      await connections.get(store)?.close();
      connections.delete(store);
    },
  });

  it("keeps a principal's set to its live sessions through an id rotation and a destroy (the set on another master)", async () => {
    const store = await clusterStore(`cluster${++stores}:`);
    const client = connections.get(store) as RedisClusterType;
    const index = `principal-index:${store.prefix}app:alice`;
    try {
      for (const id of ['app:rotated', 'app:destroyed', 'app:kept']) {
        await store.create(record([], { id }));
        await store.setPrincipal(id, 'alice', undefined);
      }
      expect(await store.rename('app:rotated', 'app:new-id')).to.equal(true);
      expect(await store.destroy('app:destroyed')).to.equal(true);
      expect((await client.sMembers(index)).sort()).to.deep.equal(['app:kept', 'app:new-id']);
    } finally {
      await client.close();
    }
  });

  it('spreads sessions over the masters and counts them on every master', async () => {
    const store = await clusterStore(`cluster${++stores}:`);
    try {
      for (let i = 0; i < 12; i++) await store.create(record());
      expect(await store.count()).to.equal(12);
      const client = connections.get(store) as RedisClusterType;
      const perMaster = await Promise.all(
        client.masters.map(async (master) => (await client.nodeClient(master)).dbSize()),
      );
      expect(perMaster.filter((size) => size > 0).length).to.be.above(1);
    } finally {
      await connections.get(store)?.close();
    }
  });
});
