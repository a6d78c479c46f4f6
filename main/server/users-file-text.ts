/**
 * The text of a users file, read so that no file put in its place can stall the main process,
 * which reads it on the request path: a FIFO (a read would wait for a writer, the whole server
 * with it), a device or a directory is refused, and so is a file over `MAX_USERS_FILE_BYTES`.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The largest users file read (some 25,000 users): a bigger one is refused, not read. */
export const MAX_USERS_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads `file` (a symlink is followed) as UTF-8; throws when it cannot be opened, is not a regular
 * file, or holds more than `MAX_USERS_FILE_BYTES`. Opened without blocking, so a FIFO is seen for
 * what it is (by `fstat` of the file opened, not of a path that may be swapped in between) and
 * never waited on.
 */
export function readUsersFileText(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('is not a regular file');
    const limit = MAX_USERS_FILE_BYTES;
    if (stat.size > limit) throw new Error(`is larger than ${limit} bytes`);
    // Read at most one byte past the limit: a file that grew since fstat is refused too.
    const buffer = Buffer.allocUnsafe(limit + 1);
    let length = 0;
    while (length <= limit) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > limit) throw new Error(`is larger than ${limit} bytes`);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
