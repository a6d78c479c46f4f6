/**
 * The text of a users file, read so that no file put in its place can stall the main process,
 * which reads it on the request path (`readRegularFile`: a FIFO, a device or a directory is
 * refused, and so is a file over `MAX_USERS_FILE_BYTES`).
 */
import { readRegularFile } from './regular-file.js';

/** The largest users file read (some 25,000 users): a bigger one is refused, not read. */
export const MAX_USERS_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads `file` (a symlink is followed) as UTF-8; throws when it cannot be opened, is not a regular
 * file, or holds more than `MAX_USERS_FILE_BYTES`. A FIFO is never waited on.
 */
export function readUsersFileText(file: string): string {
  return readRegularFile(file, MAX_USERS_FILE_BYTES).toString('utf8');
}
