/**
 * How a command line's options are read (main/cli/parse-options.ts and option-value.ts): lists and
 * their empty items, the texts a boolean variable takes, ranges, the JSON types of a config file,
 * and where each option came from, named in every refusal as the user gave it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { InvalidOptionError } from '../../../common/errors.js';
import { nameAsGiven } from '../../../main/cli/option-sources.js';
import { SERVE_OPTIONS } from '../../../main/cli/option-table.js';
import { parseCommand } from '../../../main/cli/parse-options.js';
import { SESSIONS_OPTIONS } from '../../../main/cli/sessions-command.js';

const serve = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCommand(SERVE_OPTIONS, argv, env, ['root']);
const sessions = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCommand(SESSIONS_OPTIONS, argv, env);

describe('command-line options: reading values', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-parse-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A config file holding `config`, its path. */
  function configFile(config: unknown): string {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
  }

  describe('lists', () => {
    it("keep an explicit empty item: --require-user '' is ['']", () => {
      expect(serve(['--require-user', '']).options['requireUser']).to.deep.equal(['']);
    });

    it('take each repeated flag as a list of its own, empty ones included', () => {
      expect(serve(['--require-user', 'admin/', '--require-user', '']).options['requireUser']).to.deep.equal([
        'admin/',
        '',
      ]);
      expect(
        serve(['--allowed-hosts', 'a.example, b.example', '--allowed-hosts', 'c']).options['allowedHosts'],
      ).to.deep.equal(['a.example', 'b.example', 'c']);
    });

    it('split a variable at commas, trimming items and keeping empty ones', () => {
      expect(serve([], { DIRIGIBLE_SESSION_REQUIRE_USER: 'admin/, reports.js' }).options['requireUser']).to.deep.equal([
        'admin/',
        'reports.js',
      ]);
      expect(serve([], { DIRIGIBLE_SESSION_REQUIRE_USER: 'admin/,' }).options['requireUser']).to.deep.equal([
        'admin/',
        '',
      ]);
    });

    it('treat an empty variable as unset', () => {
      expect(serve([], { DIRIGIBLE_SESSION_REQUIRE_USER: '' }).options).to.not.have.property('requireUser');
    });

    it('take a JSON array of strings from the config file, and refuse anything else naming the key', () => {
      expect(serve(['--config', configFile({ requireUser: [''] })]).options['requireUser']).to.deep.equal(['']);
      const file = configFile({ requireUser: 'admin/' });
      expect(() => serve(['--config', file])).to.throw(
        `option "requireUser (in ${file})" must be an array of strings (got the string "admin/")`,
      );
    });
  });

  describe('booleans', () => {
    it('take true, false, 1, 0, yes and no in any case from a variable', () => {
      for (const [text, value] of [
        ['true', true],
        ['TRUE', true],
        ['1', true],
        ['Yes', true],
        ['false', false],
        ['False', false],
        ['0', false],
        ['NO', false],
      ] as const)
        expect(serve([], { DIRIGIBLE_SESSION_TRUST_PROXY: text }).options['trustProxy'], text).to.equal(value);
    });

    it('refuse any other text, saying what is accepted', () => {
      expect(() => serve([], { DIRIGIBLE_SESSION_URL_REWRITING: 'on' })).to.throw(
        'option "DIRIGIBLE_SESSION_URL_REWRITING" must be true or false (also 1, 0, yes, no; any case) (got on)',
      );
    });

    it('take only a JSON boolean from the config file', () => {
      const file = configFile({ urlRewriting: 'yes' });
      expect(() => serve(['--config', file])).to.throw(
        `option "urlRewriting (in ${file})" must be a boolean (true or false) (got the string "yes")`,
      );
    });
  });

  describe('trustProxy: a boolean that also takes a list of proxies', () => {
    const LIST = ['127.0.0.1', '10.0.0.0/8'];

    it('--trust-proxy alone is true, and the root may follow it', () => {
      for (const argv of [['--trust-proxy'], ['--trust-proxy', 'root'], ['--trust-proxy', '--port', '1']]) {
        const parsed = serve(argv);
        expect(parsed.options['trustProxy'], argv.join(' ')).to.equal(true);
        if (argv[1] === 'root') expect(parsed.positionals).to.deep.equal(['root']);
      }
    });

    it('takes a comma-separated list after the flag, after =, from its variable, and an array from the config file', () => {
      expect(serve(['--trust-proxy', '127.0.0.1, 10.0.0.0/8', 'root'])).to.deep.include({
        options: { trustProxy: LIST },
        positionals: ['root'],
      });
      expect(serve(['root', '--trust-proxy=loopback,private']).options['trustProxy']).to.deep.equal([
        'loopback',
        'private',
      ]);
      expect(serve([], { DIRIGIBLE_SESSION_TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).options['trustProxy']).to.deep.equal(
        LIST,
      );
      expect(serve(['--config', configFile({ trustProxy: LIST })]).options['trustProxy']).to.deep.equal(LIST);
      // The flag wins over the variable, as every flag does.
      expect(
        serve(['--trust-proxy=::1'], { DIRIGIBLE_SESSION_TRUST_PROXY: 'true' }).options['trustProxy'],
      ).to.deep.equal(['::1']);
    });

    it('refuses a list with a bad item after a space, naming the flag, rather than taking it for a second root', () => {
      for (const [argv, bad] of [
        [['root', '--trust-proxy', '10.0.0.1,bogus'], 'bogus'],
        [['--trust-proxy', '10.0.0.0/33', 'root'], '10.0.0.0/33'],
        [['root', '--trust-proxy', '::1,fe80::/129'], 'fe80::/129'],
      ] as const)
        expect(() => serve([...argv]), argv.join(' ')).to.throw(
          `option "--trust-proxy" must list addresses (10.0.0.1), CIDR ranges (10.0.0.0/8, fd00::/8), loopback, linklocal, uniquelocal or private (got "${bad}")`,
        );
      // A word that is no list stays what it was: the root.
      expect(serve(['--trust-proxy', 'scripts'])).to.deep.include({
        options: { trustProxy: true },
        positionals: ['scripts'],
      });
    });

    it('refuses a bad item, naming the flag, the variable or the config key', () => {
      expect(() => serve(['--trust-proxy=10.0.0.0/33'])).to.throw(
        'option "--trust-proxy" must list addresses (10.0.0.1), CIDR ranges (10.0.0.0/8, fd00::/8), loopback, linklocal, uniquelocal or private (got "10.0.0.0/33")',
      );
      expect(() => serve([], { DIRIGIBLE_SESSION_TRUST_PROXY: 'on' })).to.throw(
        'option "DIRIGIBLE_SESSION_TRUST_PROXY" must list addresses',
      );
      const file = configFile({ trustProxy: 'yes' });
      expect(() => serve(['--config', file])).to.throw(
        `option "trustProxy (in ${file})" must be a boolean or an array of strings (got the string "yes")`,
      );
      const bad = configFile({ trustProxy: ['10.0.0.0/8', 'proxy.example'] });
      expect(() => serve(['--config', bad])).to.throw(`option "trustProxy (in ${bad})" must list addresses`);
    });
  });

  describe('numbers', () => {
    it('refuse a port out of range, naming the flag, the variable or the config key', () => {
      expect(() => serve(['--port', '70000'])).to.throw('option "--port" must be a whole number from 0 to 65535');
      expect(() => serve([], { PORT: '-1' })).to.throw('option "PORT" must be a whole number from 0 to 65535');
      const file = configFile({ port: 70000 });
      expect(() => serve(['--config', file])).to.throw(`option "port (in ${file})" must be a whole number from 0`);
    });

    it('refuse a config value of another JSON type, saying its type', () => {
      const file = configFile({ port: '16405' });
      expect(() => serve(['--config', file])).to.throw(
        `option "port (in ${file})" must be a number (got the string "16405")`,
      );
      const fraction = configFile({ timeout: 1.5 });
      expect(() => serve(['--config', fraction])).to.throw(`option "timeout (in ${fraction})" must be a whole number`);
    });

    it('sessions --limit must be at least 1', () => {
      expect(sessions(['--limit', '1']).options['limit']).to.equal(1);
      expect(() => sessions(['--limit', '0'])).to.throw('option "--limit" must be a whole number >= 1 (got 0)');
      expect(() => sessions(['--limit=-5'])).to.throw('option "--limit" must be a whole number >= 1 (got -5)');
      expect(() => sessions([], { DIRIGIBLE_SESSION_LIMIT: '0' })).to.throw('option "DIRIGIBLE_SESSION_LIMIT"');
    });
  });

  describe('sessions --cursor', () => {
    it('takes a cursor as list prints it: <server>:<scan>, or a page inside a step', () => {
      expect(sessions(['--cursor', '0:17']).options['cursor']).to.equal('0:17');
      expect(sessions(['--cursor', '2:18446744073709551615']).options['cursor']).to.equal('2:18446744073709551615');
      const inside = `0:17:10:42:${'0123456789abcdef'.repeat(2)}`;
      expect(sessions(['--cursor', inside]).options['cursor']).to.equal(inside);
    });

    it('refuses anything else, naming where it came from', () => {
      for (const bad of ['garbage', '0', '0:', ':5', '1:-2', '0:0:0', '0:1:2:3:xyz', ''])
        expect(() => sessions(['--cursor', bad]), bad).to.throw('option "--cursor" must be a cursor');
      expect(() => sessions([], { DIRIGIBLE_SESSION_CURSOR: 'x:y' })).to.throw('option "DIRIGIBLE_SESSION_CURSOR"');
      const file = configFile({ cursor: 'x:y' });
      expect(() => sessions(['--config', file])).to.throw(`option "cursor (in ${file})" must be a cursor`);
    });
  });

  it('refuses a flag it does not understand in one line; a value starting with a dash is written --flag=VALUE', () => {
    expect(() => serve(['--porrt', '1'])).to.throw(
      /^option "--porrt" is not understood here: Unknown option '--porrt'/,
    );
    let message = '';
    try {
      serve(['--max-body-size', '-1']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/^option "--max-body-size" is not understood here: .*ambiguous/);
    expect(message).to.include('a value starting with - is written --max-body-size=VALUE (see --help)');
    expect(message).to.not.include('\n');
  });

  it('names the flag a misspelt one was most likely meant to be, and no flag when none is close', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    const meant = (argv: string[]) => /did you mean (\S+)\?/.exec(refusal(() => serve(argv)))?.[1];
    expect(refusal(() => serve(['--prot', '1']))).to.equal(
      `option "--prot" is not understood here: Unknown option '--prot'; did you mean --port? (see --help)`,
    );
    expect(meant(['--PORT', '1'])).to.equal('--port');
    expect(meant(['--timeuot=5'])).to.equal('--timeout');
    expect(meant(['--max-body', '1'])).to.equal('--max-body-size');
    expect(meant(['--redis-ulr', 'redis://r'])).to.equal('--redis-url');
    expect(/did you mean (\S+)\?/.exec(refusal(() => sessions(['--limt', '5'])))?.[1]).to.equal('--limit');
    for (const far of [['--zzz'], ['--cookie', 'x'], ['-x'], ['--no-port', '1']])
      expect(meant(far), far[0]).to.equal(undefined);
    expect(refusal(() => serve(['--no-trust-proxy']))).to.include(
      '; there is no --no- flag: turn --trust-proxy off by its variable or config key (false) (see --help)',
    );
  });

  it('says a flag needs a value, naming the flag alone', () => {
    expect(() => serve(['--port'])).to.throw(InvalidOptionError, /^option "--port" needs a value \(see --help\)$/);
    expect(() => sessions(['--redis-url'])).to.throw(/^option "--redis-url" needs a value/);
  });

  it('names a flag that has a short form by its long form (--help=x), not as "-h,"', () => {
    expect(() => serve(['--help=x'])).to.throw(
      InvalidOptionError,
      /^option "--help" is not understood here: Option '-h, --help' does not take an argument/,
    );
  });

  describe('where each option came from', () => {
    it('records the flag, the variable or the config key, the one that won', () => {
      const file = configFile({ timeout: 100, memoryLimit: 64, deadline: 900, cookie: { secure: true } });
      const { sources } = serve(['--config', file, '--timeout', '200'], { DIRIGIBLE_SESSION_MEMORY_LIMIT: '32' });
      expect(sources.get('timeout')).to.equal('--timeout');
      expect(sources.get('memoryLimit')).to.equal('DIRIGIBLE_SESSION_MEMORY_LIMIT');
      expect(sources.get('deadline')).to.equal(`deadline (in ${file})`);
      expect(sources.get('cookie.secure')).to.equal(`cookie.secure (in ${file})`);
      expect(serve([], { PORT: '9000' }).sources.get('port')).to.equal('PORT');
    });

    it("renames the runtime's option errors to it, and leaves other errors alone", () => {
      const sources = new Map([
        ['timeout', '--timeout'],
        ['trustedOrigins', 'DIRIGIBLE_SESSION_TRUSTED_ORIGINS'],
      ]);
      const renamed = nameAsGiven(new InvalidOptionError('timeout', 'must be a whole number >= 1'), sources);
      expect(renamed).to.have.property('message', 'option "--timeout" must be a whole number >= 1');
      expect(renamed).to.have.property('code', 'ERR_INVALID_OPTION');
      const indexed = nameAsGiven(new InvalidOptionError('trustedOrigins[1]', 'must be an origin'), sources);
      expect(indexed).to.have.property('message', 'option "DIRIGIBLE_SESSION_TRUSTED_ORIGINS" must be an origin');
      const both = new InvalidOptionError('deadline', 'must be at least "timeout" (2000 ms)', ['timeout']);
      expect(nameAsGiven(both, new Map([...sources, ['deadline', '--deadline']]))).to.have.property(
        'message',
        'option "--deadline" must be at least "--timeout" (2000 ms)',
      );
      // One the command line did not set is named as the erring option was given: a flag, a variable.
      const partner = new InvalidOptionError('tlsCert', 'needs "tlsKey" too', ['tlsKey']);
      expect(nameAsGiven(partner, new Map([['tlsCert', '--tls-cert']]))).to.have.property(
        'message',
        'option "--tls-cert" needs "--tls-key" too',
      );
      expect(nameAsGiven(partner, new Map([['tlsCert', 'DIRIGIBLE_SESSION_TLS_CERT']]))).to.have.property(
        'message',
        'option "DIRIGIBLE_SESSION_TLS_CERT" needs "DIRIGIBLE_SESSION_TLS_KEY" too',
      );
      expect(nameAsGiven(partner, new Map([['tlsCert', 'tlsCert (in serve.json)']]))).to.have.property(
        'message',
        'option "tlsCert (in serve.json)" needs "tlsKey" too',
      );
      const quotedUser = new InvalidOptionError('usersFile', 'user "timeout": roles must be a list');
      expect(nameAsGiven(quotedUser, new Map([...sources, ['usersFile', '--users-file']]))).to.have.property(
        'message',
        'option "--users-file" user "timeout": roles must be a list',
      );
      const unset = new InvalidOptionError('memoryLimit', 'must be a whole number >= 8');
      expect(nameAsGiven(unset, sources)).to.equal(unset);
      const other = new Error('option "timeout" is not an option error');
      expect(nameAsGiven(other, sources)).to.equal(other);
    });
  });
});
