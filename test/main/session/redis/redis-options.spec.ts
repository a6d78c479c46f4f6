/**
 * How Redis is chosen: `--redis-url` on the command line and `redisUrl` / `store` in
 * `createRuntime`, each checked at start-up with an error naming the option.
 */
import { expect } from 'chai';
import { createClient, createCluster } from 'redis';
import { MemoryStore } from '../../../../main/session/memory-store.js';
import { RedisStore, type RedisStoreOptions } from '../../../../main/session/redis/redis-store.js';
import { createRuntime } from '../../../../main/server/runtime.js';
import { parseCommandLine } from '../../../../main/server/cli.js';
import { resolveOptions } from '../../../../main/server/options.js';
import { scriptsDir } from '../../../support/paths.js';
import { runCli } from '../../../support/run-cli.js';

describe('Redis options', () => {
  it('--redis-url becomes the runtime option redisUrl', () => {
    const { options } = parseCommandLine([scriptsDir, '--redis-url', 'redis://10.0.0.5:6379/2'], {});
    expect(options.redisUrl).to.equal('redis://10.0.0.5:6379/2');
    expect(
      parseCommandLine([scriptsDir, '--redis-url', 'rediss://user:secret@cache:6380'], {}).options.redisUrl,
    ).to.equal('rediss://user:secret@cache:6380');
  });

  it('--redis-url must be a redis:// or rediss:// URL', () => {
    expect(() => parseCommandLine([scriptsDir, '--redis-url', 'localhost:6379'], {}))
      .to.throw(/option "--redis-url" must be a redis:\/\/ or rediss:\/\/ URL/)
      .with.property('code', 'ERR_INVALID_OPTION');
  });

  it('without --redis-url sessions stay in memory', () => {
    expect(parseCommandLine([scriptsDir], {}).options).to.not.have.property('redisUrl');
  });

  it('redisUrl is checked by createRuntime and cannot be combined with store', () => {
    expect(resolveOptions({ root: scriptsDir, redisUrl: 'redis://127.0.0.1:6379' }).redisUrl).to.equal(
      'redis://127.0.0.1:6379',
    );
    expect(() => resolveOptions({ root: scriptsDir, redisUrl: 'http://x' })).to.throw(
      /option "redisUrl" must be a redis:\/\//,
    );
    expect(() => resolveOptions({ root: scriptsDir, redisUrl: 'redis://x', store: new MemoryStore() })).to.throw(
      /option "redisUrl" cannot be combined with "store"/,
    );
  });

  it('a user or password with a malformed percent escape is refused naming the option (it threw a bare URIError)', () => {
    for (const url of ['redis://:%zz@127.0.0.1:6379', 'rediss://ann%@127.0.0.1:6379']) {
      expect(() => createRuntime({ root: scriptsDir, redisUrl: url }))
        .to.throw(/^option "redisUrl" must percent-encode its user and password/)
        .with.property('code', 'ERR_INVALID_OPTION');
      expect(() => parseCommandLine([scriptsDir, '--redis-url', url], {})).to.throw(/^option "--redis-url" must/);
    }
    expect(() => parseCommandLine([scriptsDir, '--redis-url', 'redis://:%zz@cache:6379'], {}))
      .to.throw()
      .that.satisfies((error: Error) => !error.message.includes('%zz'), 'the password is not shown');
  });

  describe('a URL that looks like redis:// but does not parse (the bug: reported as option "url")', () => {
    const unparsable = ['redis://[::1', 'redis://a b'];

    it('createRuntime names redisUrl, the option the user passed', () => {
      for (const url of unparsable) {
        expect(() => createRuntime({ root: scriptsDir, redisUrl: url }))
          .to.throw(/^option "redisUrl" must be a redis:\/\/ or rediss:\/\/ URL/)
          .with.property('code', 'ERR_INVALID_OPTION');
      }
    });

    it('the command line names --redis-url', () => {
      for (const url of unparsable) {
        expect(() => parseCommandLine([scriptsDir, '--redis-url', url], {})).to.throw(/^option "--redis-url" must be/);
      }
    });

    it('RedisStore names its own option, url', () => {
      for (const url of unparsable) expect(() => new RedisStore({ url })).to.throw(/^option "url" must be/);
    });

    it('its password is shown as *** (a bad port, another scheme: the message showed it as given)', async () => {
      const urls = ['redis://:s3cret@cache:99999', 'redis://app:s3/cret@cache:6379 x', 'http://app:s3cret@cache:6379'];
      for (const url of urls) {
        const shown = /\(got (\S+):\/\/(app)?:\*\*\*@cache:/;
        expect(() => createRuntime({ root: scriptsDir, redisUrl: url })).to.throw(shown);
        expect(() => new RedisStore({ url })).to.throw(shown);
        expect(() => parseCommandLine([scriptsDir, '--redis-url', url], {})).to.throw(shown);
      }
      const run = await runCli(['sessions', 'count', '--redis-cluster', 'redis://:s3cret@cache:99999']);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include('option "--redis-cluster" must be a redis://').and.not.include('s3cret');
    });

    it('also when a slash is left out (redis:/:secret@…): the password is in the path there, and hidden too', () => {
      for (const url of ['redis:/:s3cret@cache:6379', 'redis:app:s3cret@cache', 'redis:/:s3%zzcret@cache']) {
        expect(() => createRuntime({ root: scriptsDir, redisUrl: url }))
          .to.throw(/\(got redis:\*\*\*@cache(:6379)?\)$/)
          .with.property('code', 'ERR_INVALID_OPTION');
        expect(() => new RedisStore({ url })).to.throw(/^option "url" must .*\*\*\*@cache/);
      }
    });
  });

  describe('a database path that is not a whole number (node-redis threw "Invalid pathname", uncoded, or failed SELECT for ever)', () => {
    const badPaths = ['redis://127.0.0.1:6379/abc', 'redis://127.0.0.1:6379/2/3', 'redis://127.0.0.1:6379/-1'];

    it('createRuntime refuses it with ERR_INVALID_OPTION naming redisUrl', () => {
      for (const url of badPaths) {
        expect(() => createRuntime({ root: scriptsDir, redisUrl: url }))
          .to.throw(/^option "redisUrl" must name the database by a whole number after the port/)
          .with.property('code', 'ERR_INVALID_OPTION');
      }
    });

    it('the serve and sessions commands stop with exit code 2 naming --redis-url', async () => {
      expect(() => parseCommandLine([scriptsDir, '--redis-url', 'redis://127.0.0.1:6379/abc'], {})).to.throw(
        /^option "--redis-url" must name the database/,
      );
      const run = await runCli(['sessions', 'count', '--redis-url', 'redis://127.0.0.1:1/abc']);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include('option "--redis-url" must name the database');
    });

    it('RedisStore names url; the password is not shown', () => {
      expect(() => new RedisStore({ url: 'redis://:secret@127.0.0.1:6379/x' }))
        .to.throw(/^option "url" must name the database .*\(got redis:\/\/:\*\*\*@127\.0\.0\.1:6379\/x\)$/)
        .with.property('code', 'ERR_INVALID_OPTION');
    });

    it('a database number, a bare slash and no path pass', () => {
      for (const url of ['redis://127.0.0.1:6379/2', 'redis://127.0.0.1:6379/', 'rediss://u:p@cache:6380'])
        expect(resolveOptions({ root: scriptsDir, redisUrl: url }).redisUrl).to.equal(url);
    });
  });

  describe('RedisStore checks every option at construction, naming it (docs/multi-machine.md)', () => {
    const url = 'redis://127.0.0.1:1';
    const bad: Array<[string, unknown, RegExp]> = [
      ['an unknown option', { url, bogus: 1 }, /^option "bogus" is not an option of RedisStore \(misspelled\?\)$/],
      [
        'two unknown options',
        { url, bogus: 1, prefx: 'a:' },
        /^option "bogus", "prefx" is not an option of RedisStore/,
      ],
      ['log that is not a function', { url, log: 5 }, /^option "log" must be a function/],
      [
        'commandTimeout that is not a number',
        { url, commandTimeout: '100' },
        /^option "commandTimeout" must be a whole number/,
      ],
      ['scanCount that is not whole', { url, scanCount: 2.5 }, /^option "scanCount" must be a whole number > 0$/],
      ['prefix that is not a string', { url, prefix: null }, /^option "prefix" must be a string$/],
      ['serializer without deserialize', { url, serializer: { serialize: String } }, /^option "serializer" must have/],
      ['url that is not a string', { url: 6379 }, /^option "url" must be a redis:\/\/ or rediss:\/\/ URL/],
      [
        'client that is not an object',
        { client: 'redis://x' },
        /^option "client" must be a node-redis client, cluster client or Sentinel client/,
      ],
      [
        'client without the methods the store calls',
        { client: {} },
        /^option "client" must be .*: it has no hGetAll\(\)$/,
      ],
      [
        'both url and client',
        { url, client: createClient() },
        /^option "RedisStore" needs exactly one of "url", "client" and "sentinel"$/,
      ],
      [
        'both url and sentinel',
        { url, sentinel: { sentinels: '127.0.0.1:26379', name: 'mymaster' } },
        /^option "RedisStore" needs exactly one of "url", "client" and "sentinel"$/,
      ],
      [
        'sentinel without a name',
        { sentinel: { sentinels: '127.0.0.1:26379' } },
        /^option "sentinel.name" must name the master set the sentinels watch/,
      ],
      [
        'sentinel with an empty entry',
        { sentinel: { sentinels: '127.0.0.1:26379,', name: 'mymaster' } },
        /^option "sentinel.sentinels" must not have an empty entry/,
      ],
      [
        'sentinels with different passwords (masked)',
        { sentinel: { sentinels: 'redis://:one@s1:26379,redis://:two@s2:26379', name: 'mymaster' } },
        /^option "sentinel.sentinels" must reach every node alike: .*redis:\/\/:\*\*\*@s1:26379.*redis:\/\/:\*\*\*@s2:26379/,
      ],
      ['no options object', null, /^option "RedisStore" takes an options object/],
    ];
    for (const [what, options, message] of bad) {
      it(`refuses ${what}`, () => {
        expect(() => new RedisStore(options as RedisStoreOptions))
          .to.throw(message)
          .with.property('code', 'ERR_INVALID_OPTION');
      });
    }

    it('takes every option of the table, with a node-redis client or a cluster client (neither connected)', async () => {
      const options = {
        prefix: 'p:',
        serializer: { serialize: (json: string) => json, deserialize: (stored: string) => stored },
        scanCount: 10,
        log: () => undefined,
        commandTimeout: 100,
      };
      for (const client of [createClient(), createCluster({ rootNodes: [{ url }] })]) {
        const store = new RedisStore({ client, ...options });
        expect(store.prefix).to.equal('p:');
        await store.close();
      }
    });
  });
});
