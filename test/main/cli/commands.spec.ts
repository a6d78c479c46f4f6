/**
 * The `dirigible-session` command as a user meets it: help on the program and on every command
 * (exit 0), the version, and clear refusals (exit 2) of what it does not understand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { envOf, flagOf, SERVE_OPTIONS } from '../../../main/cli/option-table.js';
import { SESSIONS_OPTIONS } from '../../../main/cli/sessions-command.js';
import { COMMANDS } from '../../../main/server/cli.js';
import { packageDir } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';

describe('dirigible-session (the command)', function () {
  this.timeout(60_000);

  it('is the package bin, named after the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      name: string;
      bin: Record<string, string>;
    };
    expect(pkg.bin).to.deep.equal({ [pkg.name]: 'bin/dirigible-session.js' });
  });

  it('--help lists the commands, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).to.equal(0);
    for (const name of COMMANDS.keys()) expect(run.stdout).to.include(`  ${name} `);
  });

  it('serve --help and sessions --help describe every option with its variable and default, exit 0', async () => {
    for (const [command, options] of [
      ['serve', SERVE_OPTIONS],
      ['sessions', SESSIONS_OPTIONS],
    ] as const) {
      const run = await runCli([command, '--help']);
      expect(run.code, command).to.equal(0);
      expect(run.stdout).to.include(`usage: dirigible-session ${command}`);
      for (const option of options) {
        expect(run.stdout).to.include(flagOf(option));
        expect(run.stdout).to.include(envOf(option));
      }
      expect((await runCli([command, '-h'])).stdout).to.equal(run.stdout);
    }
  });

  it('after --, --help is an argument (the root), not a request for help', async () => {
    const run = await runCli(['serve', '--port', '0', '--', '--help']);
    expect(run).to.deep.include({ code: 2, stdout: '' });
    expect(run.stderr).to.equal('dirigible-session serve: option "root" must be an existing directory (got --help)\n');
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'])).to.deep.include({ code: 0, stdout: `${version}\n` });
  });

  it('refuses no command, an unknown command, an unknown flag and a missing root, exit 2', async () => {
    const none = await runCli([]);
    expect(none).to.deep.include({ code: 2, stdout: '' });
    expect(none.stderr).to.include('usage: dirigible-session <command>');
    const unknown = await runCli(['start']);
    expect(unknown).to.deep.include({ code: 2, stdout: '' });
    expect(unknown.stderr).to.include('unknown command "start"');
    const flag = await runCli(['serve', 'examples', '--prot', '80']);
    expect(flag.code).to.equal(2);
    expect(flag.stderr).to.include('"--prot" is not understood');
    const root = await runCli(['serve']);
    expect(root.code).to.equal(2);
    expect(root.stderr).to.include('option "root" is required');
    const env = await runCli(['serve', 'examples'], { DIRIGIBLE_SESSION_WORKERS: 'many' });
    expect(env.code).to.equal(2);
    expect(env.stderr).to.include('DIRIGIBLE_SESSION_WORKERS');
  });

  it('help says what each command does: serve serves .ts too, add-user takes --role, sessions needs Redis', async () => {
    const serve = await runCli(['serve', '--help']);
    expect(serve.stdout).to.include('.js, .mjs and .ts');
    for (const mount of [
      '/services/js/<path>',
      '/services/ts/<path>',
      '/services/v4/js/<path>',
      '/services/v3/js/<path>',
    ])
      expect(serve.stdout, 'every mount scripts answer under').to.include(mount);
    const addUser = await runCli(['add-user', '--help']);
    expect(addUser.code).to.equal(0);
    expect(addUser.stdout).to.include('--role ROLE');
    expect(addUser.stdout).to.include('serve --users-file');
    expect(addUser.stdout).to.not.match(/--users\b(?!-file)/);
    // add-user reads no option table, so it takes no --config.
    expect(addUser.stdout).to.not.include('--config');
    expect((await runCli(['--help'])).stdout).to.include('for serve --users-file');
    const sessions = await runCli(['sessions', '--help']);
    expect(sessions.stdout).to.not.include('memory');
    expect(sessions.stdout).to.match(/--redis-url [\s\S]*this, --redis-cluster or --redis-sentinel is required/);
    expect(sessions.stdout).to.match(/--redis-sentinel-name /);
  });

  it('add-user: a usage error is one line naming what was wrong, exit 2; a file it cannot write, exit 1', async () => {
    const flag = await runCli(['add-user', 'users.json', 'bob', '--bogus']);
    expect(flag).to.deep.include({
      code: 2,
      stdout: '',
      stderr: `dirigible-session add-user: option "--bogus" is not understood here: Unknown option '--bogus' (see --help)\n`,
    });
    // Worded as serve's and sessions' flags are: the flag meant, or the value missing.
    const misspelt = await runCli(['add-user', 'users.json', 'bob', '--rol', 'admin']);
    expect(misspelt).to.deep.include({ code: 2, stdout: '' });
    expect(misspelt.stderr).to.include('option "--rol" is not understood here').and.include('did you mean --role?');
    const noValue = await runCli(['add-user', 'users.json', 'bob', '--role']);
    expect(noValue).to.deep.include({
      code: 2,
      stdout: '',
      stderr: 'dirigible-session add-user: option "--role" needs a value (see --help)\n',
    });
    const missing = await runCli(['add-user', 'users.json']);
    expect(missing).to.deep.include({ code: 2, stdout: '' });
    expect(missing.stderr).to.match(
      /^dirigible-session add-user: option "add-user" needs a users file and a name .*\n$/,
    );
    const unwritable = spawnSync(
      process.execPath,
      [
        '--no-node-snapshot',
        path.join(packageDir, 'bin/dirigible-session.js'),
        'add-user',
        '/no-such-dir/u.json',
        'bob',
      ],
      { input: 'secret\n', encoding: 'utf8' },
    );
    expect(unwritable.status, unwritable.stderr).to.equal(1);
    expect(unwritable.stderr).to.match(/^dirigible-session: ENOENT/);
  });

  describe('names a bad option the way it was given, exit 2', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'dirigible-cli-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs `serve examples ...args` and gives back its one line on stderr (it must exit 2). */
    async function refusal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
      const run = await runCli(['serve', 'examples', ...args], env);
      expect(run.code, run.stderr).to.equal(2);
      return run.stderr;
    }

    it("as a flag, when the runtime's checks refuse the value", async () => {
      expect(await refusal(['--timeout', '0'])).to.include('serve: option "--timeout" must be');
      expect(await refusal(['--memory-limit', '4'])).to.include('option "--memory-limit" must be');
      expect(await refusal(['--deadline', '0'])).to.include('option "--deadline" must be');
      expect(await refusal(['--application-name', 'a b'])).to.include('option "--application-name" must be');
      expect(await refusal(['--init-parameters', '[1]'])).to.include('option "--init-parameters" must be');
    });

    it('--host: empty (Node would listen on every interface) or an IPv6 address in brackets', async () => {
      expect(await refusal(['--host', ''])).to.equal(
        'dirigible-session serve: option "--host" must not be empty (0.0.0.0 or :: listens on every interface)\n',
      );
      expect(await refusal(['--host', ' '])).to.include('option "--host" must not be empty');
      expect(await refusal(['--host', '[::1]'])).to.include(
        'option "--host" takes an IPv6 address without brackets: ::1 (got [::1])',
      );
      const file = path.join(dir, 'host.json');
      writeFileSync(file, JSON.stringify({ host: '' }));
      expect(await refusal(['--config', file])).to.include(`option "host (in ${file})" must not be empty`);
    });

    it('as an environment variable', async () => {
      expect(await refusal([], { DIRIGIBLE_SESSION_TIMEOUT: '0' })).to.include(
        'option "DIRIGIBLE_SESSION_TIMEOUT" must be',
      );
    });

    it('as a config key, saying the type a value of the wrong JSON type must have', async () => {
      const file = path.join(dir, 'serve.json');
      writeFileSync(file, JSON.stringify({ port: '16405' }));
      expect(await refusal(['--config', file])).to.include(
        `option "port (in ${file})" must be a number (got the string "16405")`,
      );
      writeFileSync(file, JSON.stringify({ timeout: 0 }));
      expect(await refusal(['--config', file])).to.include(`option "timeout (in ${file})" must be`);
    });

    it('a config or users file that is not JSON: one line, though the parser quotes a line break of the file', async () => {
      const file = path.join(dir, 'broken.json');
      writeFileSync(file, 'not json\n');
      const config = await refusal(['--config', file]);
      expect(config).to.match(/^dirigible-session serve: option "--config" .*broken\.json is not JSON: .*not json/);
      expect(config.trimEnd().split('\n'), config).to.have.length(1);
      const users = await refusal(['--users-file', file]);
      expect(users).to.match(/^dirigible-session serve: option "--users-file" is not JSON: .*not json/);
      expect(users.trimEnd().split('\n'), users).to.have.length(1);
    });
  });

  it('warns on stderr of a DIRIGIBLE_SESSION_ variable no command reads, naming the one it likely misspells', async () => {
    const run = await runCli(['sessions', 'count'], {
      DIRIGIBLE_SESSION_REDIS_ULR: 'redis://127.0.0.1:1',
      DIRIGIBLE_SESSION_NOTHING_LIKE_IT: '1',
      // serve's, not sessions': read by a command, so no warning
      DIRIGIBLE_SESSION_TIMEOUT: '1000',
    });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).to.include(
      'dirigible-session sessions: warning: DIRIGIBLE_SESSION_REDIS_ULR is not read by any command; did you mean DIRIGIBLE_SESSION_REDIS_URL?',
    );
    expect(lines).to.include(
      'dirigible-session sessions: warning: DIRIGIBLE_SESSION_NOTHING_LIKE_IT is not read by any command',
    );
    expect(run.stderr).not.to.include('DIRIGIBLE_SESSION_TIMEOUT');
    // The misspelt URL was not taken: the command still lacks its store.
    expect(run.code).to.equal(2);
  });
});
