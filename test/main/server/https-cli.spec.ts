/**
 * `dirigible-session serve --tls-cert --tls-key` as an operator runs it: a real process prints an
 * `https://` URL and serves Basic Usage over TLS with a `Secure` session cookie; a pair that does
 * not match stops the start with exit 2, naming the flags.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { examplesDir } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { buildDist, type ServeProcess, startServeProcess } from '../../support/serve-process.js';
import { makeSelfSigned, type PemPair, skipWithoutOpenssl } from '../../support/tls-files.js';

describe('serve over HTTPS (--tls-cert, --tls-key)', () => {
  let dir: string;
  let pair: PemPair;
  let other: PemPair;
  let serving: ServeProcess | undefined;
  before(async function () {
    skipWithoutOpenssl(this);
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-https-cli-'));
    pair = makeSelfSigned(dir, 'pair');
    other = makeSelfSigned(dir, 'other');
    await buildDist();
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await serving?.stop();
    serving = undefined;
  });

  it('prints an https:// URL and serves Basic Usage over TLS with a Secure session cookie', async () => {
    serving = await startServeProcess(examplesDir, [
      '--workers',
      '1',
      '--tls-cert',
      pair.certFile,
      '--tls-key',
      pair.keyFile,
    ]);
    expect(serving.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(serving.stdout()).to.include(`at ${serving.url}/services/js/`);
    const answer = await new Promise<{ body: string; cookie: string }>((resolve, reject) => {
      https
        .get(
          `${serving?.url}/services/js/basic-usage.js`,
          { ca: readFileSync(pair.certFile), agent: false },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () => resolve({ body, cookie: String(response.headers['set-cookie']) }));
          },
        )
        .on('error', reject);
    });
    expect(answer.body).to.equal('[Attribute]: value1\n');
    expect(answer.cookie).to.match(/^JSESSIONID=[^;]+;.*; Secure(;|$)/);
  });

  it('a key that is not the certificate’s: exit 2 and one line naming the flags', async () => {
    const run = await runCli(['serve', examplesDir, '--tls-cert', pair.certFile], {
      DIRIGIBLE_SESSION_TLS_KEY: other.keyFile,
    });
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(
      /^dirigible-session serve: option "DIRIGIBLE_SESSION_TLS_KEY" is not the key of the certificate of "--tls-cert" \(key values mismatch\): .*\n$/,
    );
  });
});
