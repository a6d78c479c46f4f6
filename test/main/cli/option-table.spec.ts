/**
 * Every option of the command line's table, each reached three ways (flag, environment variable,
 * config file) with flags winning over the environment and the environment over the file; each
 * one a real runtime option that createRuntime's checks accept; each one in the README's table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type CliOption, envOf, flagOf, SERVE_OPTIONS } from '../../../main/cli/option-table.js';
import { parseServeArguments } from '../../../main/cli/serve-command.js';
import { SESSIONS_OPTIONS } from '../../../main/cli/sessions-command.js';
import { createLogger } from '../../../main/ops/logger.js';
import { resolveOpsOptions } from '../../../main/ops/ops-options.js';
import { KNOWN_OPTIONS } from '../../../main/server/known-options.js';
import { resolveOptions, sessionManagerOptions } from '../../../main/server/options.js';
import { resolveManagerOptions } from '../../../main/session/manager-options.js';
import { fixturesDir, packageDir, scriptsDir } from '../../support/paths.js';
import { hasOpenssl, makeSelfSigned, type PemPair } from '../../support/tls-files.js';

/** A valid value of `option` as text, and the value it becomes. */
function sample(option: CliOption): { text: string; value: unknown } {
  if (option.choices !== undefined) {
    const text = option.choices[1] ?? option.choices[0] ?? '';
    return { text, value: text === 'true' ? true : text === 'false' ? false : text };
  }
  switch (option.kind) {
    case 'integer':
      // Small where a bigger default must not be below it (maxSessionSize >= maxAttributeSize).
      return ['port', 'maxAttributeSize'].includes(option.name)
        ? { text: '7000', value: 7000 }
        : { text: '7000000', value: 7_000_000 };
    case 'boolean':
      return { text: 'true', value: true };
    case 'json':
      return { text: '{"mode":"test"}', value: { mode: 'test' } };
    case 'list':
      return option.name === 'trustedOrigins'
        ? { text: 'https://a.example,https://b.example', value: ['https://a.example', 'https://b.example'] }
        : { text: 'x1,x2', value: ['x1', 'x2'] };
    default:
      if (option.name === 'usersFile') {
        const file = path.join(fixturesDir, 'embedding', 'users-empty.json');
        return { text: file, value: file };
      }
      if (option.name === 'redisUrl') return { text: 'redis://cache:6379', value: 'redis://cache:6379' };
      if (/path$/i.test(option.name)) return { text: '/probe', value: '/probe' };
      return { text: 'x1', value: 'x1' };
  }
}

/** Options that only come in pairs: the other one of the pair, with a valid value. */
const COMPANIONS: Record<string, Record<string, unknown>> = {
  redisSentinel: { redisSentinelName: 'mymaster' },
  redisSentinelName: { redisSentinel: '127.0.0.1:26379' },
  trustForwardedHost: { trustProxy: ['loopback'] },
};

/** The value at `a.b` of a parse result (port and host sit beside the options). */
function valueAt(parsed: ReturnType<typeof parseServeArguments>, name: string): unknown {
  if (name === 'port' || name === 'host') return parsed[name];
  return name.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], parsed.options);
}

/** The options object `{ a: { b: value } }` for `a.b`. */
function nested(name: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = name.split('.');
  return { [head as string]: rest.length === 0 ? value : nested(rest.join('.'), value) };
}

describe('command-line options: one table', () => {
  let dir: string;
  /** A certificate and key for tlsCert and tlsKey, which go together (none without openssl). */
  let tls: PemPair | undefined;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-config-'));
    if (hasOpenssl()) tls = makeSelfSigned(dir, 'tls');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const option of SERVE_OPTIONS) {
    describe(`${flagOf(option)} / ${envOf(option)}`, () => {
      const { text, value } = sample(option);
      const flagArgs = option.kind === 'boolean' ? [flagOf(option)] : [flagOf(option), text];

      it('is read from its flag, its environment variable and a config file, flags first', () => {
        expect(valueAt(parseServeArguments(['root', ...flagArgs], {}), option.name)).to.deep.equal(value);
        expect(valueAt(parseServeArguments(['root'], { [envOf(option)]: text }), option.name)).to.deep.equal(value);
        const file = path.join(dir, `${option.name}.json`);
        writeFileSync(file, JSON.stringify({ root: 'root', ...nested(option.name, value) }));
        expect(valueAt(parseServeArguments(['--config', file], {}), option.name)).to.deep.equal(value);
        if (option.kind !== 'boolean') {
          const other = option.kind === 'integer' ? '9' : option.choices?.[0];
          if (other !== undefined) {
            const both = parseServeArguments(['root', flagOf(option), other], { [envOf(option)]: text });
            expect(String(valueAt(both, option.name))).to.equal(other);
          }
        }
      });

      it('refuses a value of the wrong kind, naming the flag', () => {
        if (
          (option.kind === 'string' || option.kind === 'list') &&
          option.choices === undefined &&
          option.check === undefined
        )
          return;
        // Any name may be a host name: a host's bad value is an address in brackets, a sentinel
        // list's an empty entry.
        const bad =
          option.kind === 'boolean'
            ? 'maybe'
            : option.name === 'host'
              ? '[::1]'
              : option.name === 'redisSentinel'
                ? 'a,,b'
                : 'not-valid';
        expect(() => parseServeArguments(['root'], { [envOf(option)]: bad })).to.throw(envOf(option));
      });

      if (option.name !== 'port' && option.name !== 'host') {
        it("is a createRuntime option, and createRuntime's checks accept the value", function () {
          expect(KNOWN_OPTIONS).to.include(option.name.split('.')[0]);
          const isTls = option.name.startsWith('tls');
          if (isTls && tls === undefined) this.skip();
          const pair = { tlsCert: tls?.certFile, tlsKey: tls?.keyFile };
          const options = (
            option.name === 'tlsCert' || option.name === 'tlsKey'
              ? { root: scriptsDir, ...pair }
              : {
                  root: scriptsDir,
                  ...(isTls ? pair : {}),
                  ...(COMPANIONS[option.name] ?? {}),
                  ...nested(option.name, value),
                }
          ) as never;
          expect(() => {
            resolveOptions(options);
            resolveOpsOptions(options);
            createLogger(options as never);
            resolveManagerOptions(sessionManagerOptions(resolveOptions(options)));
          }).to.not.throw();
        });
      }
    });
  }

  it('takes PORT as well as DIRIGIBLE_SESSION_PORT, the latter first', () => {
    expect(parseServeArguments(['root'], { PORT: '9000' }).port).to.equal(9000);
    expect(parseServeArguments(['root'], { PORT: '9000', DIRIGIBLE_SESSION_PORT: '9001' }).port).to.equal(9001);
  });

  it('refuses unknown flags and unknown config keys, naming them', () => {
    expect(() => parseServeArguments(['root', '--tmeout', '5'], {})).to.throw(/"--tmeout" is not understood/);
    const file = path.join(dir, 'unknown.json');
    writeFileSync(file, JSON.stringify({ root: 'root', tmeout: 5 }));
    expect(() => parseServeArguments(['--config', file], {})).to.throw(/"tmeout \(in .*\)" is not an option/);
    writeFileSync(file, '{ not json');
    expect(() => parseServeArguments(['--config', file], {})).to.throw(/"--config" .*unknown\.json is not JSON/);
    const missing = path.join(dir, 'missing.json');
    expect(() => parseServeArguments(['--config', missing], {})).to.throw(
      /"--config" cannot read .*missing\.json: no such file$/,
    );
  });

  it("lists every flag and variable of every command in the README's table", () => {
    const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
    for (const option of [...SERVE_OPTIONS, ...SESSIONS_OPTIONS]) {
      expect(readme, flagOf(option)).to.include(`\`${flagOf(option)}`);
      expect(readme, envOf(option)).to.include(`\`${envOf(option)}\``);
    }
  });
});
