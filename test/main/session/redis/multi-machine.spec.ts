/**
 * Several machines: two `serve` processes (the real CLI, `--redis-url`) on one real redis-server.
 * A browser's session moves between them as a load balancer would send its requests; concurrent
 * requests on both machines lose no update and never bring back an invalidated session. The Redis
 * command log proves the requests really overlapped, rather than trusting timing.
 */
import { expect } from 'chai';
import type { RedisClientType } from 'redis';
import { CookieJarClient } from '../../../support/cookie-jar-client.js';
import { scriptsDir } from '../../../support/paths.js';
import { type LoggedCommand, RedisCommandLog } from '../../../support/redis-command-log.js';
import { RedisServer } from '../../../support/redis-server.js';
import { buildDist, type ServeProcess, startServeProcess } from '../../../support/serve-process.js';

interface Info {
  isNew: boolean;
  id?: string;
  attributes: Record<string, unknown>;
}

/** Long enough for the other machine's request to run meanwhile, even on a busy machine. */
const SPIN_MS = 2500;

describe('several machines on one Redis (two serve processes)', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let log: RedisCommandLog;
  let admin: RedisClientType;
  let machineA: ServeProcess;
  let machineB: ServeProcess;

  before(async function () {
    this.timeout(180_000);
    redis = await RedisServer.start();
    const starting = buildDist().then(() =>
      Promise.all([
        startServeProcess(scriptsDir, ['--redis-url', redis.url, '--workers', '1']),
        startServeProcess(scriptsDir, ['--redis-url', redis.url, '--workers', '1']),
      ]),
    );
    log = await RedisCommandLog.start(redis.url);
    admin = await redis.connectClient();
    [machineA, machineB] = await starting;
  });

  after(async () => {
    const exitCodes = await Promise.all([machineA?.stop(), machineB?.stop()]);
    log?.stop();
    await admin?.close();
    await redis?.dispose();
    expect(exitCodes, 'serve exits 0 on SIGTERM').to.deep.equal([0, 0]);
  });

  /** One browser: a cookie jar shared by a client for each machine. */
  function browser(): { a: CookieJarClient; b: CookieJarClient } {
    const jar = new Map<string, string>();
    return { a: new CookieJarClient(machineA.url, jar), b: new CookieJarClient(machineB.url, jar) };
  }

  /**
   * Creates a session through `client`. `mark` is the command log position after its creation:
   * the log arrives on its own connection, so it is read only once it shows the creating write.
   */
  async function startSession(
    client: CookieJarClient,
    query: string,
  ): Promise<{ id: string; key: string; mark: number }> {
    const info = (await client.get(`/services/js/session-info.js?${query}&identify=1`)).json<Info>();
    const id = info.id as string;
    const key = `dirigible-session:default:${id}`;
    const created = await log.waitFor(on(key, 'EVALSHA'));
    return { id, key, mark: log.commands.indexOf(created) + 1 };
  }

  const on = (key: string, name: string, client?: string) => (command: LoggedCommand) =>
    command.name === name && command.args.includes(key) && (client === undefined || command.client === client);

  it('a session created through one machine is read, changed and invalidated through the other', async () => {
    const { a, b } = browser();
    const { id } = await startSession(a, 'set=color&value=blue');
    const readOnB = (await b.get('/services/js/session-info.js?identify=1')).json<Info>();
    expect(readOnB).to.include({ isNew: false, id });
    expect(readOnB.attributes).to.deep.equal({ color: 'blue' });

    await b.get('/services/js/session-info.js?set=size&value=L');
    expect((await a.get('/services/js/session-info.js')).json<Info>().attributes).to.deep.equal({
      color: 'blue',
      size: 'L',
    });

    const logout = await b.get('/services/js/logout.js');
    expect(logout.text).to.equal('bye\n');
    expect(a.cookies.has('JSESSIONID')).to.equal(false);
    a.cookies.set('JSESSIONID', id);
    const afterLogout = (await a.get('/services/js/session-info.js?identify=1')).json<Info>();
    expect(afterLogout.isNew).to.equal(true);
    expect(afterLogout.id).to.not.equal(id);
    expect(afterLogout.attributes).to.deep.equal({});
  });

  it('an id rotated through one machine is the only valid id on the other', async () => {
    const { a, b } = browser();
    const { id: oldId, key: oldKey } = await startSession(a, 'set=user&value=alice');
    const rotation = (await a.get('/services/js/change-id.js')).json<{ oldId: string; newId: string; user: string }>();
    expect(rotation).to.include({ oldId, user: 'alice' });
    expect(a.cookies.get('JSESSIONID')).to.equal(rotation.newId);
    const onB = (await b.get('/services/js/session-info.js?identify=1')).json<Info>();
    expect(onB).to.include({ id: rotation.newId, isNew: false });
    expect(onB.attributes).to.deep.equal({ user: 'alice' });
    expect(await admin.exists(oldKey)).to.equal(0);
    b.cookies.set('JSESSIONID', oldId);
    expect((await b.get('/services/js/session-info.js')).json<Info>()).to.deep.include({ isNew: true, attributes: {} });
  });

  it('two concurrent requests on two machines changing different attributes both keep their change', async () => {
    const { a, b } = browser();
    const { key, mark } = await startSession(a, 'set=base&value=0');
    const slowOnA = a.get(`/services/js/slow-set.js?spin=${SPIN_MS}&set=x&value=fromA`);
    const readByA = await log.waitFor(on(key, 'HGETALL'), mark);
    expect((await b.get('/services/js/session-info.js?set=y&value=fromB')).status).to.equal(200);
    const slow = await slowOnA;
    expect(slow.status).to.equal(200);
    expect(slow.json<{ namesBefore: string[] }>().namesBefore, 'A read the session before B wrote').to.deep.equal([
      'base',
    ]);

    // Wait until the command log has caught up with A's write.
    const writeByA = log.commands.indexOf(await log.waitFor(on(key, 'EVALSHA', readByA.client), mark));
    const writeByB = log.indexOf((command) => on(key, 'EVALSHA')(command) && command.client !== readByA.client, mark);
    expect(writeByB, 'B wrote while A was still running')
      .to.be.above(log.commands.indexOf(readByA))
      .and.below(writeByA);
    expect((await b.get('/services/js/session-info.js')).json<Info>().attributes).to.deep.equal({
      base: '0',
      x: 'fromA',
      y: 'fromB',
    });
  });

  it('a request still running when the other machine invalidates the session does not bring it back', async () => {
    const { a, b } = browser();
    const { id, key, mark } = await startSession(a, 'set=a&value=1');
    const slowOnA = a.get(`/services/js/slow-set.js?spin=${SPIN_MS}&set=late&value=write`);
    const readByA = await log.waitFor(on(key, 'HGETALL'), mark);
    expect((await b.get('/services/js/logout.js')).status).to.equal(200);
    const slow = await slowOnA;
    expect(slow.status).to.equal(200);

    const writeByA = log.commands.indexOf(await log.waitFor(on(key, 'EVALSHA', readByA.client), mark));
    const destroyedByB = log.indexOf(on(key, 'DEL'), mark);
    expect(destroyedByB, 'B invalidated while A was still running')
      .to.be.above(log.commands.indexOf(readByA))
      .and.below(writeByA);
    expect(await admin.exists(key)).to.equal(0);
    a.cookies.set('JSESSIONID', id);
    expect((await a.get('/services/js/session-info.js')).json<Info>()).to.include({ isNew: true });
    expect(await admin.exists(key)).to.equal(0);
  });
});
