/**
 * A private certificate authority for TLS specs, made with the `openssl` command as an operator
 * would: a CA, a server certificate for 127.0.0.1 and localhost, and a client certificate, each
 * signed by the CA, in a temporary directory (EC keys: quick to make).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCa {
  readonly dir: string;
  /** The CA's certificate (PEM): what clients trust. */
  readonly caFile: string;
  /** The server's certificate and key (PEM), for 127.0.0.1 and localhost. */
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  /** A client certificate and key (PEM), for servers that ask for one. */
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** Removes the directory. */
  dispose(): void;
}

/** Makes a CA and its server and client certificates; fails with openssl's output. */
export function makeTestCa(): TestCa {
  const dir = mkdtempSync(path.join(tmpdir(), 'dirigible-ca-'));
  const file = (name: string) => path.join(dir, name);
  const key = (name: string) => openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file(name)]);
  key('ca.key');
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Test CA',
  ]);
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const [name, subject, extensions] of [
    ['server', '/CN=localhost', ['-extfile', file('server.ext')]],
    ['client', '/CN=client', []],
  ] as const) {
    key(`${name}.key`);
    openssl(['req', '-new', '-key', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject]);
    openssl([
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file(`${name}.pem`),
      '-days',
      '2',
      ...extensions,
    ]);
  }
  return {
    dir,
    caFile: file('ca.pem'),
    serverCertFile: file('server.pem'),
    serverKeyFile: file('server.key'),
    clientCertFile: file('client.pem'),
    clientKeyFile: file('client.key'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0)
    throw new Error(`openssl ${args[0]} failed: ${run.error?.message ?? run.stderr}`);
}
