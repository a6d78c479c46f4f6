/**
 * Throwaway certificates for HTTPS specs, made at test time with the `openssl` command (never
 * committed): self-signed pairs for 127.0.0.1 and localhost, and a chain of a root, an intermediate
 * and a server certificate. EC keys: quick to make. Specs skip, saying why, where openssl is missing.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A certificate and its key, as PEM files. */
export interface PemPair {
  readonly certFile: string;
  readonly keyFile: string;
}

const SERVER_NAMES = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

/** Whether the `openssl` command runs here. */
export function hasOpenssl(): boolean {
  const run = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return run.error === undefined && run.status === 0;
}

/** For a `before` hook: skips the suite, saying why, where openssl is missing. */
export function skipWithoutOpenssl(context: Mocha.Context): void {
  if (hasOpenssl()) return;
  console.warn('      skipped: the openssl command is missing (apt-get install openssl): no throwaway certificates');
  context.skip();
}

/** Makes a self-signed certificate for 127.0.0.1 and localhost, `<name>.pem` and `<name>.key` in `dir`. */
export function makeSelfSigned(dir: string, name: string): PemPair {
  const pair = { certFile: path.join(dir, `${name}.pem`), keyFile: path.join(dir, `${name}.key`) };
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    pair.keyFile,
    '-out',
    pair.certFile,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    SERVER_NAMES,
  ]);
  return pair;
}

/** A root CA, an intermediate CA it signed, and a server certificate the intermediate signed. */
export interface PemChain {
  /** The root's certificate: what clients trust. */
  readonly rootFile: string;
  /** The server's certificate alone. */
  readonly leafFile: string;
  /** The server's certificate followed by the intermediate's, as certbot's fullchain.pem. */
  readonly fullchainFile: string;
  /** The server's key. */
  readonly keyFile: string;
}

/** Makes a `PemChain` in `dir`. */
export function makeChain(dir: string): PemChain {
  const file = (name: string) => path.join(dir, name);
  const key = (name: string) => openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file(name)]);
  key('root.key');
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    file('root.key'),
    '-out',
    file('root.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Root',
  ]);
  writeFileSync(file('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  writeFileSync(file('leaf.ext'), `${SERVER_NAMES}\n`);
  const sign = (name: string, subject: string, issuer: string, extensions: string) => {
    key(`${name}.key`);
    openssl(['req', '-new', '-key', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject]);
    openssl([
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file(`${issuer}.pem`),
      '-CAkey',
      file(`${issuer}.key`),
      '-CAcreateserial',
      '-out',
      file(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      file(extensions),
    ]);
  };
  sign('intermediate', '/CN=Intermediate', 'root', 'ca.ext');
  sign('leaf', '/CN=localhost', 'intermediate', 'leaf.ext');
  writeFileSync(
    file('fullchain.pem'),
    readFileSync(file('leaf.pem'), 'utf8') + readFileSync(file('intermediate.pem'), 'utf8'),
  );
  return {
    rootFile: file('root.pem'),
    leafFile: file('leaf.pem'),
    fullchainFile: file('fullchain.pem'),
    keyFile: file('leaf.key'),
  };
}

/** The SHA-256 fingerprint of the (first) certificate of a PEM file, as `getPeerCertificate()` gives it. */
export function fingerprintOf(certFile: string): string {
  return new X509Certificate(readFileSync(certFile)).fingerprint256;
}

function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0)
    throw new Error(`openssl ${args[0]} failed: ${run.error?.message ?? run.stderr}`);
}
