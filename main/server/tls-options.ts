/**
 * Options `tlsCert` and `tlsKey`: with both, the server `listen` starts serves HTTPS. Both or
 * neither; the pair is read and checked at start-up (`ERR_INVALID_OPTION` naming the option: a
 * file that does not read, holds no PEM, or a key that is not the certificate's). With them,
 * `tlsHandshakeTimeout` bounds a connection's TLS handshake.
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
  /**
   * Longest a TLS handshake may take, in ms: a connection whose client has not completed it by
   * then is closed and logged (`ERR_TLS_HANDSHAKE_TIMEOUT`), so a client that connects and stays
   * silent holds no socket for long. Only with `tlsCert` and `tlsKey`. Default 20,000 (Node's
   * own is 120,000).
   */
  tlsHandshakeTimeout?: number;
}

/** The option names of `TlsOptions`. */
export const TLS_OPTIONS = ['tlsCert', 'tlsKey', 'tlsHandshakeTimeout'] as const;

/** `tlsHandshakeTimeout` when not given, ms: as the `connectionTimeout` of Tomcat's own server.xml. */
export const DEFAULT_TLS_HANDSHAKE_TIMEOUT = 20_000;

/** Where the certificate and its key are (absolute paths). */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** What HTTPS is served with: the certificate pair and the handshake's time limit. */
export interface TlsSettings extends TlsFiles {
  /** `tlsHandshakeTimeout`, ms. */
  readonly handshakeTimeout: number;
}

/** The files of `tlsCert`/`tlsKey`, checked as a pair, and the handshake limit; `undefined` without them (HTTP). */
export function resolveTlsOptions(options: TlsOptions): TlsSettings | undefined {
  const { tlsCert, tlsKey, tlsHandshakeTimeout } = options;
  if (tlsCert === undefined && tlsKey === undefined) {
    if (tlsHandshakeTimeout !== undefined)
      throw new InvalidOptionError('tlsHandshakeTimeout', 'applies to HTTPS only: needs "tlsCert" and "tlsKey"', [
        'tlsCert',
        'tlsKey',
      ]);
    return undefined;
  }
  if (tlsKey === undefined)
    throw new InvalidOptionError('tlsCert', 'needs "tlsKey" too (the PEM file of its private key)', ['tlsKey']);
  if (tlsCert === undefined)
    throw new InvalidOptionError('tlsKey', 'needs "tlsCert" too (the PEM file of its certificate)', ['tlsCert']);
  for (const [name, value] of [
    ['tlsCert', tlsCert],
    ['tlsKey', tlsKey],
  ] as const)
    if (typeof value !== 'string' || value === '') throw new InvalidOptionError(name, 'must be the path of a PEM file');
  const handshakeTimeout = tlsHandshakeTimeout ?? DEFAULT_TLS_HANDSHAKE_TIMEOUT;
  if (!Number.isInteger(handshakeTimeout) || handshakeTimeout < 1)
    throw new InvalidOptionError('tlsHandshakeTimeout', 'must be a whole number of ms >= 1');
  const files = { certFile: path.resolve(tlsCert), keyFile: path.resolve(tlsKey) };
  readCertificatePair(files);
  return { ...files, handshakeTimeout };
}
