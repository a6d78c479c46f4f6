/**
 * The lock `add-user` holds while it reads, changes and replaces a users file, so that two of them
 * run at once (two processes) do not both read the file before either replaced it, the last
 * replacement losing the other's user: a file `<users file>.lock` next to it, created exclusively
 * (`wx`) and removed after. A lock older than `STALE_LOCK_MS` is one whose holder died (the lock is
 * held for the few ms of a read and a rename, the password hashed before): it is taken over.
 */
import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** A lock older than this is taken over: its holder died before removing it. */
export const STALE_LOCK_MS = 5000;

/** How long `add-user` waits for another's lock by default, longer than a lock takes to go stale. */
export const LOCK_WAIT_MS = 10_000;

/** How often a busy lock is tried again. */
const RETRY_MS = 20;

/** The path of the lock of `file`. */
export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/**
 * Runs `task` holding the lock of `file`; waits at most `waitMs` for another holder (then rejects,
 * naming the lock file), and takes over a stale lock. The lock is removed after `task`, whatever it did.
 */
export async function withUsersFileLock<T>(file: string, task: () => T, waitMs = LOCK_WAIT_MS): Promise<T> {
  const lock = lockPathOf(file);
  const giveUp = Date.now() + waitMs;
  for (;;) {
    if (tryLock(lock)) break;
    if (takeOverStale(lock)) continue;
    if (Date.now() >= giveUp)
      throw new Error(
        `${file} is locked by another add-user (${lock}); if none runs, remove the lock, or wait ${STALE_LOCK_MS / 1000} s for it to go stale`,
      );
    await delay(RETRY_MS);
  }
  try {
    return task();
  } finally {
    unlinkSync(lock);
  }
}

/** Creates the lock; false when another holds it. */
function tryLock(lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes the lock when it is stale (older than `STALE_LOCK_MS`), and tells whether it did (or it is
 * gone already): then the caller tries to lock again, in competition with any other waiter. Only the
 * lock judged stale is removed: one that another waiter put in its place since has another inode.
 */
function takeOverStale(lock: string): boolean {
  let judged: ReturnType<typeof statSync>;
  try {
    judged = statSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  if (Date.now() - judged.mtimeMs < STALE_LOCK_MS) return false;
  try {
    if (statSync(lock).ino !== judged.ino) return true;
    unlinkSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return true;
}
