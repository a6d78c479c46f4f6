/**
 * `dirigible-session add-user <users-file> <name> [--role ROLE]...`: adds (or replaces) an HTTP
 * Basic user of `serve --users-file <file>`, the password read from standard input and stored as an
 * scrypt hash (main/server/users-command.ts does the work).
 */
import { addUserCommand as runAddUser } from '../server/users-command.js';
import type { Command } from './command.js';

export const addUserCommand: Command = {
  name: 'add-user',
  summary: 'add a user (password from standard input) to a users file for serve --users-file',
  usage: 'add-user <users-file> <name> [--role ROLE]...',
  description:
    'Reads the password from the first line of standard input, hashes it with scrypt and writes the\n' +
    'user with its roles into <users-file> (created when missing, mode 0600; an existing file keeps\n' +
    'its mode, and its owner under root; a symlink is kept and the file it names written; a symlink\n' +
    'to nothing is refused), which serve --users-file reads. It holds <users-file>.lock meanwhile.\n' +
    'A user of the same name is replaced. A running server reads the changed file at its next request.',
  options: [],
  otherFlags: [['--role ROLE', 'a role of the user (repeatable); default none']],
  async run(argv) {
    await runAddUser([...argv]);
    return 0;
  },
};
