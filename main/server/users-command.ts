/**
 * The `add-user` command: `add-user <users-file> <name> [--role ROLE]...` reads the password from
 * standard input (its first line), hashes it with scrypt and writes the user, with its roles, into
 * the users file that `serve --users-file <file>` reads (created when missing; an existing user of the
 * same name is replaced). Plain-text passwords are never written.
 */
import { chmodSync, chownSync, existsSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../../common/errors.js';
import { flagError } from '../cli/flag-error.js';
import { parseUsersFile, type UsersFile } from './basic-users.js';
import { hashPassword } from './password-hash.js';
import { readUsersFileText } from './users-file-text.js';

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
 * server may read by its own path, without the user). The file is read, changed and replaced in one
 * synchronous step, after the password is hashed.
 */
export async function addUser(file: string, name: string, password: string, roles: string[]): Promise<void> {
  if (name === '' || name.includes(':')) throw new InvalidOptionError('name', 'must be non-empty and without ":"');
  // Hashed first: from the read to the rename nothing waits, so add-users run at once (in one
  // process) each add their user, where each read the file before any had hashed and the last
  // rename won.
  const hash = await hashPassword(password);
  const found = existsSync(file);
  const target = found ? realpathSync(file) : file;
  const existing = found ? statSync(target) : undefined;
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
