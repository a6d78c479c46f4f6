/**
 * What one update costs Redis, on a real redis-server watched with MONITOR: the update script
 * reads the stored max inactive interval (which also tells that the session exists), the order numbers of the attributes it sets with one HMGET, reserves numbers for the new
 * ones with one HINCRBY, writes every field with one HSET, and renews the TTL; a patch of the
 * access time alone writes that field and the TTL, and nothing else.
 */
import { expect } from 'chai';
import { TTL_GRACE_SECONDS } from '../../../../main/session/redis/redis-layout.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { RedisCommandLog } from '../../../support/redis-command-log.js';
import { record, T0 } from '../../../support/store-contract-core.js';
import { RedisServer } from '../../../support/redis-server.js';

describe('RedisStore update: the commands one request costs', () => {
  let server: RedisServer;
  let store: RedisStore;
  let log: RedisCommandLog;

  before(async function () {
    this.timeout(30_000);
    server = await RedisServer.start();
    store = new RedisStore({ url: server.url, prefix: 'writes:' });
    log = await RedisCommandLog.start(server.url);
  });
  after(async () => {
    log?.stop();
    await store?.close();
    await server?.dispose();
  });

  /** Creates `session` and returns the log position after the create script's last command. */
  async function created(session: ReturnType<typeof record>): Promise<number> {
    expect(await store.create(session)).to.equal(true);
    const expire = await log.waitFor(
      (command) => command.name === 'EXPIRE' && command.args[0] === store.key(session.id),
    );
    return log.commands.indexOf(expire) + 1;
  }

  /** The commands the update script ran for `id`, in order, once its EXPIRE came. */
  async function scriptCommands(from: number, id: string): Promise<string[]> {
    await log.waitFor((command) => command.name === 'EXPIRE' && command.args[0] === store.key(id), from);
    return log.commands.slice(from).flatMap((command) => (command.client === 'lua' ? [command.name] : []));
  }

  it('sets new and replaced attributes with one HMGET, one HINCRBY and one HSET, keeping their order', async () => {
    const session = record([
      ['a', 1],
      ['b', 2],
    ]);
    const from = await created(session);
    const patch = {
      lastAccessedTime: T0 + 1000,
      isNew: false,
      set: [
        ['a', '10'],
        ['c', '3'],
        ['d', '4'],
      ] as Array<[string, string]>,
      removed: ['b'],
    };
    expect(await store.update(session.id, patch)).to.equal(true);
    expect(await scriptCommands(from, session.id)).to.deep.equal([
      'HGET',
      'HDEL',
      'HMGET',
      'HINCRBY',
      'HSET',
      'EXPIRE',
    ]);
    const stored = await store.get(session.id);
    expect(stored?.attributes).to.deep.equal([
      ['a', '10'],
      ['c', '3'],
      ['d', '4'],
    ]);
    expect(stored).to.include({ lastAccessedTime: T0 + 1000, isNew: false });
  });

  it('writes only the access time and the TTL for a patch of the access time', async () => {
    const session = record([['a', 1]]);
    const from = await created(session);
    expect(await store.update(session.id, { lastAccessedTime: T0 + 5, set: [], removed: [] })).to.equal(true);
    expect(await scriptCommands(from, session.id)).to.deep.equal(['HGET', 'HSET', 'EXPIRE']);
    const hset = log.commands.slice(from).find((command) => command.name === 'HSET');
    expect(hset?.args).to.deep.equal([store.key(session.id), 'm:accessed', String(T0 + 5)]);
  });

  it('takes the TTL from an interval the patch writes, not the stored one', async () => {
    const session = record([['a', 1]]);
    const from = await created(session);
    await store.update(session.id, { maxInactiveInterval: 60, set: [], removed: [] });
    expect(await scriptCommands(from, session.id)).to.deep.equal(['HGET', 'HSET', 'EXPIRE']);
    expect(
      await server.connectClient().then(async (client) => {
        try {
          return await client.ttl(store.key(session.id));
        } finally {
          await client.close();
        }
      }),
    ).to.be.within(60, 60 + TTL_GRACE_SECONDS);
  });
});
