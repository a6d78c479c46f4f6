/**
 * How Redis Sentinel is chosen: `--redis-sentinel` / `--redis-sentinel-name` on the command line
 * and `redisSentinel` / `redisSentinelName` in `createRuntime`, checked at start-up with an error
 * naming the option; and what the sentinel list becomes for node-redis's `createSentinel`.
 */
import { expect } from 'chai';
import { MemoryStore } from '../../../../main/session/memory-store.js';
import { sentinelClientOptions, sentinelUrls } from '../../../../main/session/redis/redis-sentinel-options.js';
import { parseCommandLine } from '../../../../main/server/cli.js';
import { resolveOptions } from '../../../../main/server/options.js';
import { scriptsDir } from '../../../support/paths.js';

describe('Redis Sentinel options', () => {
  it('--redis-sentinel and --redis-sentinel-name become redisSentinel and redisSentinelName (flags and variables)', () => {
    const { options } = parseCommandLine(
      [scriptsDir, '--redis-sentinel', 's1:26379,s2:26379', '--redis-sentinel-name', 'mymaster'],
      {},
    );
    expect([options.redisSentinel, options.redisSentinelName]).to.deep.equal(['s1:26379,s2:26379', 'mymaster']);
    const fromEnv = parseCommandLine([scriptsDir], {
      DIRIGIBLE_SESSION_REDIS_SENTINEL: 's1',
      DIRIGIBLE_SESSION_REDIS_SENTINEL_NAME: 'cache',
    }).options;
    expect([fromEnv.redisSentinel, fromEnv.redisSentinelName]).to.deep.equal(['s1', 'cache']);
  });

  it('a malformed sentinel is refused naming --redis-sentinel, its password shown as ***', () => {
    expect(() => parseCommandLine([scriptsDir, '--redis-sentinel', 's1:26379,,s2'], {}))
      .to.throw(/^option "--redis-sentinel" must not have an empty entry/)
      .with.property('code', 'ERR_INVALID_OPTION');
    expect(() => parseCommandLine([scriptsDir, '--redis-sentinel', 'redis://:s3cret@s1:99999'], {}))
      .to.throw(
        /^option "--redis-sentinel" must be a redis:\/\/ or rediss:\/\/ URL \(got redis:\/\/:\*\*\*@s1:99999\)$/,
      )
      .that.satisfies((error: Error) => !error.message.includes('s3cret'));
  });

  it('an entry missing a slash (redis:/:secret@host) is refused with its password shown as ***', () => {
    for (const entry of ['redis:/:s3cret@s1:26379', 'rediss:/:s3cret@s1:26379', 'redis:user:s3cret@s1:26379']) {
      for (const check of [
        () => parseCommandLine([scriptsDir, '--redis-sentinel', entry], {}),
        () => sentinelUrls('redisSentinel', entry),
      ])
        expect(check, entry)
          .to.throw(/\*\*\*@s1:26379\)$/)
          .that.satisfies((error: Error & { code?: string }) => error.code === 'ERR_INVALID_OPTION')
          .and.satisfies((error: Error) => !error.message.includes('s3cret'));
    }
  });

  it('createRuntime wants both, and neither redisUrl nor store with them', () => {
    const sentinels = { root: scriptsDir, redisSentinel: '127.0.0.1:26379', redisSentinelName: 'mymaster' };
    expect(resolveOptions(sentinels).redisSentinel).to.equal('127.0.0.1:26379');
    const bad: [object, RegExp][] = [
      [{ redisSentinel: '127.0.0.1:26379' }, /^option "redisSentinelName" must name the master set/],
      [{ redisSentinel: '127.0.0.1:26379', redisSentinelName: ' ' }, /^option "redisSentinelName" must name/],
      [{ redisSentinelName: 'mymaster' }, /^option "redisSentinelName" needs "redisSentinel"/],
      [{ ...sentinels, redisUrl: 'redis://x' }, /^option "redisSentinel" cannot be combined with "redisUrl"/],
      [{ ...sentinels, store: new MemoryStore() }, /^option "redisSentinel" cannot be combined with "store"/],
      [{ ...sentinels, redisSentinel: 'http://s1' }, /^option "redisSentinel" must be a redis:\/\//],
      [{ ...sentinels, redisSentinel: 5 }, /^option "redisSentinel" must list the sentinels as host:port/],
    ];
    for (const [options, message] of bad)
      expect(() => resolveOptions({ root: scriptsDir, ...options }))
        .to.throw(message)
        .with.property('code', 'ERR_INVALID_OPTION');
  });

  it('the user, password and database of the URLs are the master’s; rediss:// is TLS; the port defaults to 26379', () => {
    const urls = sentinelUrls('redisSentinel', 'rediss://app:p%40ss@s1:5000/3, rediss://app:p%40ss@[::1]/3');
    expect(sentinelClientOptions('redisSentinel', urls, 'redisSentinelName', 'mymaster')).to.deep.equal({
      name: 'mymaster',
      sentinelRootNodes: [
        { host: 's1', port: 5000 },
        { host: '::1', port: 26379 },
      ],
      node: { tls: true, username: 'app', password: 'p@ss', database: 3 },
    });
    expect(() =>
      sentinelClientOptions('redisSentinel', sentinelUrls('x', 's1/1,s2/2'), 'redisSentinelName', 'mymaster'),
    ).to.throw(/^option "redisSentinel" must name the same database in every entry/);
  });
});
