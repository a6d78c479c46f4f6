/**
 * The cursor of the memory store's session pages (`MemoryStore.list`): the last store key of a
 * page, sealed with a key of the store's own (AES-256-GCM). Operators pass cursors around (a
 * `--cursor` on a command line, a next-page link of an admin page), and a store key holds a
 * session id, a bearer secret: sealed, the cursor tells nothing, and one that this store did not
 * give (made up, cut, or another store's) is refused.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InvalidOptionError } from '../../common/errors.js';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class MemoryListCursors {
  readonly #key = randomBytes(32);

  /** The cursor that continues after `storeKey`. */
  seal(storeKey: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.#key, iv);
    const sealed = Buffer.concat([cipher.update(storeKey, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /**
   * The store key `cursor` continues after.
   * @throws `ERR_INVALID_OPTION` naming `cursor` when this store did not give it
   */
  open(cursor: string): string {
    const bytes = Buffer.from(cursor, 'base64url');
    try {
      if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64url') !== cursor) throw new Error('malformed');
      const decipher = createDecipheriv(CIPHER, this.#key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new InvalidOptionError('cursor', `is not a cursor of this store's session list (got ${cursor})`);
    }
  }
}
