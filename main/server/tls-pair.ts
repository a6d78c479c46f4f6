/**
 * Reads a certificate and its private key from their PEM files and checks them as Node's TLS will
 * use them (`tls.createSecureContext`): each must read, hold PEM, and the key must be the
 * certificate's. Every failure is an `ERR_INVALID_OPTION` naming `tlsCert` or `tlsKey` and the file.
 */
import { createSecureContext } from 'node:tls';
import { InvalidOptionError } from '../../common/errors.js';
import { readRegularFile } from './regular-file.js';
import type { TlsFiles } from './tls-options.js';

/** The PEM texts of a pair that checked, as `https.createServer` and `setSecureContext` take them. */
export interface CertificatePair {
  readonly cert: Buffer;
  readonly key: Buffer;
}

const CERTIFICATE_PEM = '-----BEGIN CERTIFICATE-----';
const PRIVATE_KEY_PEM = /-----BEGIN (?:(?:RSA|EC|DSA) )?PRIVATE KEY-----/;
const ENCRYPTED_KEY_PEM = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;

/**
 * The largest certificate or key file read (a fullchain is a few KiB): a bigger one is refused,
 * not read whole.
 */
export const MAX_PEM_FILE_BYTES = 1024 * 1024;

/**
 * Reads a PEM file as `readRegularFile` does: the pair is read again on the connection path when
 * it changes, so a FIFO, a device or a huge file put in its place is refused, never waited on.
 */
function readPem(option: 'tlsCert' | 'tlsKey', file: string): Buffer {
  try {
    return readRegularFile(file, MAX_PEM_FILE_BYTES);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InvalidOptionError(option, `cannot be read: ${why.includes(file) ? why : `${why}: ${file}`}`);
  }
}

/** The reason OpenSSL gives, without its `error:0480006C:PEM routines::` prefix. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error:[0-9A-Fa-f]+:[^:]*:[^:]*:/, '');
}

/** Reads and checks the pair (see the module comment). */
export function readCertificatePair({ certFile, keyFile }: TlsFiles): CertificatePair {
  const cert = readPem('tlsCert', certFile);
  const key = readPem('tlsKey', keyFile);
  if (!cert.includes(CERTIFICATE_PEM))
    throw new InvalidOptionError('tlsCert', `must be a PEM file of certificates (${CERTIFICATE_PEM}): ${certFile}`);
  const keyText = key.toString('latin1');
  if (ENCRYPTED_KEY_PEM.test(keyText))
    throw new InvalidOptionError('tlsKey', `is encrypted; give it unencrypted (openssl pkey -in FILE): ${keyFile}`);
  if (!PRIVATE_KEY_PEM.test(keyText))
    throw new InvalidOptionError(
      'tlsKey',
      `must be a PEM file of a private key (-----BEGIN PRIVATE KEY-----): ${keyFile}`,
    );
  try {
    createSecureContext({ cert });
  } catch (error) {
    throw new InvalidOptionError('tlsCert', `is not a usable certificate (${reason(error)}): ${certFile}`);
  }
  try {
    createSecureContext({ key });
  } catch (error) {
    throw new InvalidOptionError('tlsKey', `is not a usable private key (${reason(error)}): ${keyFile}`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new InvalidOptionError(
      'tlsKey',
      `is not the key of the certificate of "tlsCert" (${reason(error)}): ${keyFile}, ${certFile}`,
      ['tlsCert'],
    );
  }
  return { cert, key };
}
