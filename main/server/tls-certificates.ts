/**
 * The certificate and key `listen` serves HTTPS with, read again when their files change: certbot
 * and cert-manager renew them on disk (certbot by pointing `live/` links at new files, a Kubernetes
 * secret volume by swapping a directory link), and the server picks the new pair up without a
 * restart. The files are looked at (two `stat`s) at most every `TLS_CHECK_INTERVAL_MS`, when a
 * connection comes; a changed pair is read and checked as at start-up. A new pair that does not
 * read or check (a key not yet written, a truncated file) keeps the old one serving and is logged
 * once, as an error; it is tried again when the files change again.
 */
import type { Clock } from '../session/clock.js';
import type { TlsFiles } from './tls-options.js';
import { fileSignature } from './regular-file.js';
import { type CertificatePair, readCertificatePair } from './tls-pair.js';

/** How often, at most, the files are looked at for a change, ms. */
export const TLS_CHECK_INTERVAL_MS = 5000;

/** Where the reloads and failed reloads are told. */
export type TlsLog = (line: string, level: 'info' | 'error') => void;

export class WatchedCertificates {
  readonly #files: TlsFiles;
  readonly #clock: Clock;
  readonly #log: TlsLog;
  #pair: CertificatePair;
  /** The signature of the files `#pair` was read from. */
  #read: string;
  /** The signature of files that did not read or check: not read again until they change. */
  #failed: string | undefined;
  #checkedAt: number;

  /** Reads the pair (throws `ERR_INVALID_OPTION` when it does not read or check). */
  constructor(files: TlsFiles, clock: Clock, log: TlsLog) {
    this.#files = files;
    this.#clock = clock;
    this.#log = log;
    this.#read = this.#signature();
    this.#pair = readCertificatePair(files);
    this.#checkedAt = clock.now();
  }

  /**
   * The pair to serve now: the files are looked at when `TLS_CHECK_INTERVAL_MS` passed since they
   * last were (or the clock went back). The same object until a new pair was read.
   */
  current(): CertificatePair {
    const now = this.#clock.now();
    if (now >= this.#checkedAt && now - this.#checkedAt < TLS_CHECK_INTERVAL_MS) return this.#pair;
    this.#checkedAt = now;
    return this.check();
  }

  /** Looks at the files now, and reads them again if they changed. */
  check(): CertificatePair {
    const now = this.#signature();
    if (now === this.#read || now === this.#failed) return this.#pair;
    const { certFile, keyFile } = this.#files;
    try {
      this.#pair = readCertificatePair(this.#files);
    } catch (error) {
      this.#failed = now;
      const why = error instanceof Error ? error.message : String(error);
      this.#log(`TLS certificate not reloaded, the previous one still serves: ${why}`, 'error');
      return this.#pair;
    }
    this.#read = now;
    this.#failed = undefined;
    this.#log(`TLS certificate reloaded from ${certFile} and ${keyFile}`, 'info');
    return this.#pair;
  }

  #signature(): string {
    return `${fileSignature(this.#files.certFile)} ${fileSignature(this.#files.keyFile)}`;
  }
}
