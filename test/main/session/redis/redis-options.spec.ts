/**
 * How Redis is chosen: `--redis-url` on the command line and `redisUrl` / `store` in
 * `createRuntime`, each checked at start-up with an error naming the option.
 */
import { expect } from 'chai';
import { MemoryStore } from '../../../../main/session/memory-store.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { createRuntime } from '../../../../main/server/runtime.js';
import { parseCommandLine } from '../../../../main/server/cli.js';
import { resolveOptions } from '../../../../main/server/options.js';
import { scriptsDir } from '../../../support/paths.js';

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
  });
});
