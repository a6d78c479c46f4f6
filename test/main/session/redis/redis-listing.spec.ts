/**
 * The Redis store's session pages (`list`, behind `admin.list` and `sessions list --limit N`) on a
 * real redis-server: at most `limit` sessions a page whatever `SCAN` answers, and a walk over every
 * page lists each session once; sessions that come and go during a walk never hide one that stays.
 */
import { expect } from 'chai';
import type { RedisClientType } from 'redis';
import type { SessionRecord } from '../../../../common/record.js';
import { SessionManager } from '../../../../main/session/manager.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { newId, record } from '../../../support/store-contract-core.js';
import { RedisServer } from '../../../support/redis-server.js';

/** The pages of one walk, from the first to the one whose cursor is `''`. */
async function walk(
  store: RedisStore,
  application: string,
  limit: number,
  between?: (page: { records: SessionRecord[] }) => Promise<void>,
) {
  const pages: Array<{ records: SessionRecord[]; cursor: string }> = [];
  let cursor = '';
  do {
    const page = await store.list(`${application}:`, cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    await between?.(page);
  } while (cursor !== '' && pages.length < 10_000);
  return pages;
}

describe('RedisStore: pages of sessions (list)', () => {
  let server: RedisServer;
  let admin: RedisClientType;
  let stores = 0;
  const open: RedisStore[] = [];

  before(async function () {
    this.timeout(30_000);
    // DEBUG HTSTATS tells when Redis has finished growing its table (see settled()).
    server = await RedisServer.start(['--enable-debug-command', 'local']);
    admin = await server.connectClient();
  });
  after(async () => {
    await admin?.close();
    await server?.dispose();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  /** A store on its own prefix, in database `db` (0 is shared by the tests, 1 only the one that needs it empty). */
  function newStore(db = 0): RedisStore {
    const store = new RedisStore({ url: `${server.url}/${db}`, prefix: `list${++stores}:` });
    open.push(store);
    return store;
  }

  async function stored(store: RedisStore, application: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `${application}:${newId()}`;
      expect(await store.create(record([['n', i]], { id }))).to.equal(true);
      ids.push(id);
    }
    return ids;
  }

  /**
   * Waits until Redis has moved every key into the table it grew to. While it is moving them, a
   * `SCAN` step may cover a different stretch of keys the second time it is taken, and the page then
   * takes the whole step again (a session may repeat, as `SCAN` allows); a fixed set of sessions
   * must then come out exactly once. Each lookup moves some keys, so the loop ends by itself.
   */
  async function settled(db = 0): Promise<void> {
    for (let round = 0; round < 100_000; round++) {
      const stats = String(await admin.sendCommand(['DEBUG', 'HTSTATS', String(db)]));
      if (!stats.includes('rehashing')) return;
      await admin.exists(`no-such-key-${round}`);
    }
    throw new Error('Redis kept rehashing its keyspace');
  }

  it('gives at most limit sessions a page, every page but the last full, and each session once (300 sessions, limits 1 to 1000)', async function () {
    this.timeout(60_000);
    const store = newStore();
    const ids = await stored(store, 'shop', 300);
    await stored(store, 'blog', 20);
    for (const limit of [1, 2, 3, 7, 10, 50, 99, 100, 299, 300, 301, 1000]) {
      await settled();
      const pages = await walk(store, 'shop', limit);
      const sizes = pages.map((page) => page.records.length);
      expect(Math.max(...sizes), `limit ${limit}`).to.be.at.most(limit);
      expect(
        sizes.slice(0, -1).every((size) => size === limit),
        `limit ${limit}: pages before the last are full (${sizes.join(',')})`,
      ).to.equal(true);
      const seen = pages.flatMap((page) => page.records.map((entry) => entry.id));
      expect(seen.length, `limit ${limit}: sessions seen`).to.equal(300);
      expect(new Set(seen), `limit ${limit}`).to.deep.equal(new Set(ids));
      expect(pages.length, `limit ${limit}: pages`).to.be.at.most(Math.ceil(300 / limit) + 1);
    }
  });

  it('pages a handful of sessions by the limit too (6 sessions alone in a database, limit 2: three pages of two)', async () => {
    // Alone, the six fit in one SCAN step, which the listing used to return whole.
    const store = newStore(1);
    const ids = await stored(store, 'shop', 6);
    await settled(1);
    const pages = await walk(store, 'shop', 2);
    const sizes = pages.map((page) => page.records.length);
    expect(sizes.slice(0, 3)).to.deep.equal([2, 2, 2]);
    expect(sizes.slice(3)).to.satisfy((rest: number[]) => rest.every((size) => size === 0));
    expect(pages.flatMap((page) => page.records.map((entry) => entry.id)).sort()).to.deep.equal(ids.sort());
  });

  it('never names a session id in a cursor (ids are bearer secrets)', async () => {
    const store = newStore();
    const ids = await stored(store, 'shop', 40);
    const pages = await walk(store, 'shop', 3);
    const cursors = pages.map((page) => page.cursor).join(' ');
    expect(cursors).to.match(/\d+:\d+:\d+:\d+:[0-9a-f]{32}/);
    for (const id of ids) expect(cursors).to.not.include(id.slice('shop:'.length));
  });

  it('misses no session that stays while others end and begin during the walk, nor goes over the limit', async function () {
    this.timeout(60_000);
    const store = newStore();
    const ids = await stored(store, 'shop', 250);
    const seen = new Set<string>();
    const ended = new Set<string>();
    const pages = await walk(store, 'shop', 4, async (page) => {
      // Ends a session this walk already listed and starts two, so the keyspace changes under the
      // step a page stopped in, and Redis grows and rehashes its table meanwhile.
      for (const entry of page.records) seen.add(entry.id);
      const listed = [...seen].find((id) => !ended.has(id));
      if (listed !== undefined) {
        await store.destroy(listed);
        ended.add(listed);
      }
      await stored(store, 'shop', 2);
    });
    for (const page of pages) expect(page.records.length).to.be.at.most(4);
    const listed = new Set(pages.flatMap((page) => page.records.map((entry) => entry.id)));
    const stayed = ids.filter((id) => !ended.has(id));
    expect(stayed.filter((id) => !listed.has(id))).to.deep.equal([]);
  });

  it('takes up a cursor from an earlier version (<server>:<scan>)', async () => {
    const store = newStore();
    const ids = await stored(store, 'shop', 5);
    const page = await store.list('shop:', '0:0', 10);
    expect(page.records.map((entry) => entry.id).sort()).to.deep.equal(ids.sort());
  });

  it('refuses a cursor it did not give, with ERR_INVALID_OPTION naming cursor', async () => {
    const store = newStore();
    const manager = new SessionManager({ store, sweepInterval: 0 });
    for (const cursor of ['x', '0', '0:abc', '0:0:0:0:' + 'a'.repeat(32), '0:0:10:5:xyz', '0:0:10:5']) {
      const refused = await manager.admin.list({ cursor }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, cursor).to.include({ code: 'ERR_INVALID_OPTION' });
      expect((refused as Error).message, cursor).to.match(/^option "cursor" is not a cursor of the Redis store/);
    }
    await manager.close();
  });
});
