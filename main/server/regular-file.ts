/**
 * Reads a file the main process reads while it serves (the users file on the request path, the
 * TLS certificate pair on a new connection) so that no file put in its place can stall the process:
 * a FIFO (a read would wait for a writer, the whole server with it), a device or a directory is
 * refused, and so is a file over the caller's limit. `fileSignature` tells when such a file changed.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Identifies a file's contents without reading it: another file (`add-user` replaces the file, a
 * link now points elsewhere), size or times; a file that does not stat by why it does not.
 */
export function fileSignature(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

/**
 * The bytes of `file` (a symlink is followed); throws when it cannot be opened, is not a regular
 * file, or holds more than `limit` bytes. Opened without blocking, so a FIFO is seen for what it is
 * (by `fstat` of the file opened, not of a path that may be swapped in between) and never waited on.
 */
export function readRegularFile(file: string, limit: number): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('is not a regular file');
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
    return Buffer.from(buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}
