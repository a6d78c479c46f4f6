/**
 * The `add-user` command: `add-user <users-file> <name> [--role ROLE]...` reads the password from
 * standard input (its first line), hashes it with scrypt and writes the user, with its roles, into
 * the users file that `serve --users-file <file>` reads (created when missing; an existing user of the
 * same name is replaced). Plain-text passwords are never written.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../../common/errors.js';
import { flagError } from '../cli/flag-error.js';
import { parseUsersFile, type UsersFile } from './basic-users.js';
import { hashPassword } from './password-hash.js';
import { readUsersFileText } from './users-file-text.js';
import { LOCK_WAIT_MS, withUsersFileLock } from './users-file-lock.js';

export const ADD_USER_USAGE = 'usage: add-user <users-file> <name> [--role ROLE]... (the password is read from stdin)';

/** Reads the first line of a stream (the password); rejects when it is empty. */
export async function readPassword(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password === '') throw new InvalidOptionError('password', 'must not be empty (give it on standard input)');
  return password;
}

/**
 * Adds (or replaces) a user in the users file at `file`. The file is replaced whole (a server
 * reading it sees the old or the new one, never half of either): a new file gets mode 0600; one
 * that existed keeps its mode, and its owner and group where the caller may give them (root), so a
 * server reading it as another user or group can still read it once `add-user` ran (`sudo
 * add-user` left a root-owned 0600 file, and the running server lost every user). A symlink is
 * followed: the file it names is replaced, the link kept (replacing the link left that file, which a
 * server may read by its own path, without the user); a symlink to nothing is refused (see
 * `usersFileTarget`). The file is read, changed and replaced holding its lock (`withUsersFileLock`,
 * waiting at most `lockWaitMs` for another `add-user`'s), after the password is hashed.
 */
export async function addUser(
  file: string,
  name: string,
  password: string,
  roles: string[],
  lockWaitMs = LOCK_WAIT_MS,
): Promise<void> {
  if (name === '' || name.includes(':')) throw new InvalidOptionError('name', 'must be non-empty and without ":"');
  // Hashed first, before the lock: the lock is held only from the read to the rename.
  const hash = await hashPassword(password);
  const target = usersFileTarget(file);
  await withUsersFileLock(
    target,
    () => {
      const existing = existsSync(target) ? statSync(target) : undefined;
      const current: UsersFile = existing ? parseUsersFile(readUsersFileText(target), file) : { users: {} };
      current.users[name] = { password: hash, roles };
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
      if (existing !== undefined) {
        try {
          chownSync(temporary, existing.uid, existing.gid);
        } catch (error) {
          // Only root may give a file away: another caller's file becomes the caller's, as before.
          if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
        }
        chmodSync(temporary, existing.mode & 0o777);
      }
      renameSync(temporary, target);
    },
    lockWaitMs,
  );
}

/**
 * The file `add-user` writes for `file`: the file a symlink names, else `file` itself (created when
 * missing). A symlink to nothing is refused rather than written through or replaced: replacing it
 * leaves the file it names (which a server may read by that path) without the user, and creating
 * that file puts a users file wherever the link points (a volume not mounted, a typo), where
 * nothing may read it. Either way the mistake would go unseen until logins fail.
 */
function usersFileTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let isLink = false;
  try {
    isLink = lstatSync(file).isSymbolicLink();
  } catch {
    return file; // nothing there: a new users file
  }
  if (!isLink) return file;
  throw new Error(
    `${file} is a symbolic link to ${readlinkSync(file)}, which does not exist: create the file it names, or point the link at the users file (add-user neither replaces the link nor creates a file where it points)`,
  );
}

/**
 * Runs `add-user` with its arguments. A usage error (a flag it does not know, a missing argument, an
 * empty password) rejects with `ERR_INVALID_OPTION`, which the command line prints on one line and
 * exits 2 for, as for every command; another failure (the file cannot be written) rejects as it is (exit 1).
 */
export async function addUserCommand(
  argv: string[],
  input: NodeJS.ReadableStream = process.stdin,
  output: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  let parsed: ReturnType<typeof parseRoles>;
  try {
    parsed = parseRoles(argv);
  } catch (error) {
    // As every command words a refused flag: a missing value, or the flag a misspelt one meant.
    throw flagError(error, ADD_USER_OPTIONS);
  }
  const { values, positionals } = parsed;
  const [file, name] = positionals;
  if (positionals.length !== 2 || file === undefined || name === undefined)
    throw new InvalidOptionError('add-user', `needs a users file and a name (${ADD_USER_USAGE})`);
  if ((input as { isTTY?: boolean }).isTTY === true) output(`password for ${name}:`);
  const roles = values.role ?? [];
  await addUser(file, name, await readPassword(input), roles);
  output(`added user ${name} to ${file}${roles.length > 0 ? ` with roles ${roles.join(', ')}` : ''}`);
}

/** The flags of `add-user`. */
const ADD_USER_OPTIONS = { role: { type: 'string', multiple: true } } as const;

function parseRoles(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, options: ADD_USER_OPTIONS });
}
