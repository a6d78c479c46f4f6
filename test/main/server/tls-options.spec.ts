/**
 * `tlsCert` and `tlsKey` are checked at start-up as Node's TLS will use them: both or neither, each
 * readable, PEM, the key unencrypted and the certificate's; `tlsHandshakeTimeout` only with them. Each failure is `ERR_INVALID_OPTION`
 * naming the option and the file; on the command line, naming the flag, the variable or the key.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { nameAsGiven } from '../../../main/cli/option-sources.js';
import { parseServeArguments } from '../../../main/cli/serve-command.js';
import { resolveOptions } from '../../../main/server/options.js';
import { scriptsDir } from '../../support/paths.js';
import { makeSelfSigned, type PemPair, skipWithoutOpenssl } from '../../support/tls-files.js';

describe('options tlsCert and tlsKey', () => {
  let dir: string;
  let pair: PemPair;
  let other: PemPair;
  before(function () {
    skipWithoutOpenssl(this);
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-tls-options-'));
    pair = makeSelfSigned(dir, 'pair');
    other = makeSelfSigned(dir, 'other');
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const resolve = (tls: Record<string, unknown>) => resolveOptions({ root: scriptsDir, ...tls });
  /** The message of the `ERR_INVALID_OPTION` that resolving `tls` throws. */
  function refusal(tls: Record<string, unknown>): string {
    try {
      resolve(tls);
    } catch (error) {
      expect(error).to.have.property('code', 'ERR_INVALID_OPTION');
      return (error as Error).message;
    }
    throw new Error('accepted');
  }
  const file = (name: string, text: string) => {
    const written = path.join(dir, name);
    writeFileSync(written, text);
    return written;
  };

  it('are resolved to absolute paths when both are given, and to none without', () => {
    expect(resolve({}).tls).to.equal(undefined);
    const relative = { tlsCert: path.relative(process.cwd(), pair.certFile), tlsKey: pair.keyFile };
    expect(resolve(relative).tls).to.deep.equal({
      certFile: pair.certFile,
      keyFile: pair.keyFile,
      handshakeTimeout: 20_000,
    });
  });

  it('tlsHandshakeTimeout: 20 s unless given, a whole number of ms, and only with the pair', () => {
    const both = { tlsCert: pair.certFile, tlsKey: pair.keyFile };
    expect(resolve({ ...both, tlsHandshakeTimeout: 250 }).tls?.handshakeTimeout).to.equal(250);
    for (const bad of [0, -1, 1.5, '250', Number.NaN])
      expect(refusal({ ...both, tlsHandshakeTimeout: bad })).to.equal(
        'option "tlsHandshakeTimeout" must be a whole number of ms >= 1',
      );
    expect(refusal({ tlsHandshakeTimeout: 250 })).to.equal(
      'option "tlsHandshakeTimeout" applies to HTTPS only: needs "tlsCert" and "tlsKey"',
    );
  });

  it('go together: one without the other is refused, naming the missing one', () => {
    expect(refusal({ tlsCert: pair.certFile })).to.equal(
      'option "tlsCert" needs "tlsKey" too (the PEM file of its private key)',
    );
    expect(refusal({ tlsKey: pair.keyFile })).to.equal(
      'option "tlsKey" needs "tlsCert" too (the PEM file of its certificate)',
    );
    expect(refusal({ tlsCert: '', tlsKey: pair.keyFile })).to.equal('option "tlsCert" must be the path of a PEM file');
    expect(refusal({ tlsCert: pair.certFile, tlsKey: 7 })).to.equal('option "tlsKey" must be the path of a PEM file');
  });

  it('a file that does not read is refused with why', () => {
    const missing = path.join(dir, 'missing.pem');
    expect(refusal({ tlsCert: missing, tlsKey: pair.keyFile })).to.equal(
      `option "tlsCert" cannot be read: ENOENT: no such file or directory, open '${missing}'`,
    );
    expect(refusal({ tlsCert: pair.certFile, tlsKey: dir })).to.equal(
      `option "tlsKey" cannot be read: is not a regular file: ${dir}`,
    );
    if (process.getuid?.() !== 0) {
      const locked = file('locked.key', readFileSync(pair.keyFile, 'utf8'));
      chmodSync(locked, 0o000);
      expect(refusal({ tlsCert: pair.certFile, tlsKey: locked })).to.match(/^option "tlsKey" cannot be read: EACCES/);
    }
  });

  it('a file that holds no PEM, or the wrong PEM, is refused', () => {
    const der = path.join(dir, 'cert.der');
    spawnSync('openssl', ['x509', '-in', pair.certFile, '-outform', 'der', '-out', der]);
    expect(refusal({ tlsCert: der, tlsKey: pair.keyFile })).to.equal(
      `option "tlsCert" must be a PEM file of certificates (-----BEGIN CERTIFICATE-----): ${der}`,
    );
    // The two files swapped.
    expect(refusal({ tlsCert: pair.keyFile, tlsKey: pair.certFile })).to.match(
      /^option "tlsCert" must be a PEM file of certificates/,
    );
    expect(refusal({ tlsCert: pair.certFile, tlsKey: pair.certFile })).to.equal(
      `option "tlsKey" must be a PEM file of a private key (-----BEGIN PRIVATE KEY-----): ${pair.certFile}`,
    );
    const broken = file('broken.pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    expect(refusal({ tlsCert: broken, tlsKey: pair.keyFile })).to.match(
      /^option "tlsCert" is not a usable certificate \(.+\): .*broken\.pem$/,
    );
  });

  it('an encrypted key is refused, saying how to decrypt it', () => {
    const encrypted = path.join(dir, 'encrypted.key');
    const run = spawnSync('openssl', [
      'pkey',
      '-in',
      pair.keyFile,
      '-aes256',
      '-passout',
      'pass:secret',
      '-out',
      encrypted,
    ]);
    expect(run.status).to.equal(0);
    expect(refusal({ tlsCert: pair.certFile, tlsKey: encrypted })).to.equal(
      `option "tlsKey" is encrypted; give it unencrypted (openssl pkey -in FILE): ${encrypted}`,
    );
  });

  it('a key that is not the certificate’s is refused, naming both', () => {
    expect(refusal({ tlsCert: pair.certFile, tlsKey: other.keyFile })).to.equal(
      `option "tlsKey" is not the key of the certificate of "tlsCert" (key values mismatch): ${other.keyFile}, ${pair.certFile}`,
    );
  });

  it('on the command line, the error names the flag, the variable or the config key as given', () => {
    const refused = (argv: string[], env: NodeJS.ProcessEnv) => {
      const parsed = parseServeArguments([scriptsDir, ...argv], env);
      try {
        resolveOptions(parsed.options);
      } catch (error) {
        return (nameAsGiven(error, parsed.sources) as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(['--tls-cert', pair.certFile], {})).to.equal(
      'option "--tls-cert" needs "--tls-key" too (the PEM file of its private key)',
    );
    expect(refused(['--tls-cert', pair.certFile, '--tls-key', other.keyFile], {})).to.match(
      /^option "--tls-key" is not the key of the certificate of "--tls-cert" \(key values mismatch\)/,
    );
    expect(
      refused([], { DIRIGIBLE_SESSION_TLS_CERT: pair.certFile, DIRIGIBLE_SESSION_TLS_KEY: other.keyFile }),
    ).to.match(/^option "DIRIGIBLE_SESSION_TLS_KEY" is not the key of the certificate of "DIRIGIBLE_SESSION_TLS_CERT"/);
    const config = file('serve.json', JSON.stringify({ tlsCert: pair.certFile, tlsKey: path.join(dir, 'nope.key') }));
    expect(refused(['--config', config], {})).to.match(/^option "tlsKey \(in .*serve\.json\)" cannot be read: ENOENT/);
  });
});
