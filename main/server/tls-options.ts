/**
 * Options `tlsCert` and `tlsKey`: with both, the server `listen` starts serves HTTPS. Both or
 * neither; the pair is read and checked at start-up (`ERR_INVALID_OPTION` naming the option: a
 * file that does not read, holds no PEM, or a key that is not the certificate's).
 */
import path from 'node:path';
import { InvalidOptionError } from '../../common/errors.js';
import { readCertificatePair } from './tls-pair.js';

export interface TlsOptions {
  /**
   * PEM file of the server's certificate, followed by the intermediate certificates clients need
   * (a fullchain, as certbot writes it). With `tlsKey`, `listen` serves HTTPS. Read again when it
   * changes (see `tlsKey`). Default: none (HTTP).
   */
  tlsCert?: string;
  /**
   * PEM file of `tlsCert`'s private key, not encrypted. Required with `tlsCert`. A renewed pair is
   * picked up without a restart: the files are checked for changes on new connections, at most
   * every 5 s; a new pair that does not read or match keeps the old one serving (logged once).
   */
  tlsKey?: string;
}

/** The option names of `TlsOptions`. */
export const TLS_OPTIONS = ['tlsCert', 'tlsKey'] as const;

/** Where the certificate and its key are (absolute paths). */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** The files of `tlsCert`/`tlsKey`, checked as a pair; `undefined` without them (HTTP). */
export function resolveTlsOptions(options: TlsOptions): TlsFiles | undefined {
  const { tlsCert, tlsKey } = options;
  if (tlsCert === undefined && tlsKey === undefined) return undefined;
  if (tlsKey === undefined)
    throw new InvalidOptionError('tlsCert', 'needs "tlsKey" too (the PEM file of its private key)', ['tlsKey']);
  if (tlsCert === undefined)
    throw new InvalidOptionError('tlsKey', 'needs "tlsCert" too (the PEM file of its certificate)', ['tlsCert']);
  for (const [name, value] of [
    ['tlsCert', tlsCert],
    ['tlsKey', tlsKey],
  ] as const)
    if (typeof value !== 'string' || value === '') throw new InvalidOptionError(name, 'must be the path of a PEM file');
  const files = { certFile: path.resolve(tlsCert), keyFile: path.resolve(tlsKey) };
  readCertificatePair(files);
  return files;
}
