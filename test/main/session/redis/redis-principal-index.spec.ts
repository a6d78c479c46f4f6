/**
 * The principal index on a real redis-server stays as large as the principal's live sessions: each
 * recording of a principal drops from its set the ids whose session is gone or changed hands, so
 * the sets (which have no TTL) do not grow with every session a user ever had.
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../../../common/record.js';
import { PRINCIPAL_CHECKS } from '../../../../main/session/redis/redis-principals.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { RedisServer } from '../../../support/redis-server.js';

function session(id: string): SessionRecord {
  return { id, creationTime: 0, lastAccessedTime: 0, maxInactiveInterval: 60, isNew: true, attributes: [] };
}

/** How many HGET commands the server has run, scripts' included (INFO commandstats). */
async function hgetCalls(client: { info(section: string): Promise<string> }): Promise<number> {
  const match = /cmdstat_hget:calls=(\d+)/.exec(await client.info('commandstats'));
  return match === null ? 0 : Number(match[1]);
}

describe('the Redis principal index', function () {
  this.timeout(30_000);

  it('holds only the live sessions of a principal after many came and went', async () => {
    const server = await RedisServer.start();
    const store = new RedisStore({ url: server.url });
    const inspect = await server.connectClient();
    try {
      await store.create(session('app:kept'));
      await store.setPrincipal('app:kept', 'alice', undefined);
      for (let i = 0; i < 20; i++) {
        await store.create(session(`app:gone${i}`));
        await store.setPrincipal(`app:gone${i}`, 'alice', undefined);
        await store.destroy(`app:gone${i}`);
      }
      await store.create(session('app:handed'));
      await store.setPrincipal('app:handed', 'alice', undefined);
      await store.setPrincipal('app:handed', 'bob', 'alice');
      await store.create(session('app:last'));
      await store.setPrincipal('app:last', 'alice', undefined);
      const members = await inspect.sMembers(`principal-index:${store.prefix}app:alice`);
      expect(members.sort()).to.deep.equal(['app:kept', 'app:last']);
      expect((await store.findByPrincipal('app:', 'alice')).sort()).to.deep.equal(['app:kept', 'app:last']);
    } finally {
      inspect.destroy();
      await store.close();
      await server.dispose();
    }
  });

  it(`checks at most ${PRINCIPAL_CHECKS} members when a user with many live sessions gets one more`, async () => {
    const server = await RedisServer.start();
    const store = new RedisStore({ url: server.url });
    const inspect = await server.connectClient();
    try {
      const live = 5 * PRINCIPAL_CHECKS;
      for (let i = 0; i < live; i++) {
        await store.create(session(`app:live${i}`));
        await store.setPrincipal(`app:live${i}`, 'alice', undefined);
      }
      await store.create(session('app:one-more'));
      const before = await hgetCalls(inspect);
      await store.setPrincipal('app:one-more', 'alice', undefined);
      expect((await hgetCalls(inspect)) - before).to.be.at.most(PRINCIPAL_CHECKS);
      expect(await inspect.sCard(`principal-index:${store.prefix}app:alice`)).to.equal(live + 1);
      expect(await store.findByPrincipal('app:', 'alice')).to.have.length(live + 1);
    } finally {
      inspect.destroy();
      await store.close();
      await server.dispose();
    }
  });
});
