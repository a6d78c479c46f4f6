/**
 * The `dirigible-session` command: `dirigible-session <command> [options]`, the commands being
 * `serve <root>` and `sessions count|list|find|kill`; `--help` on the program and on every command
 * (exit 0), `--version`. A bad flag or option prints a message naming it and exits 2; a
 * `DIRIGIBLE_SESSION_…` variable no command reads is warned about on stderr.
 */
import { CodedError } from '../../common/errors.js';
import { addUserCommand } from '../cli/add-user-command.js';
import { type Command, commandHelp, PROGRAM } from '../cli/command.js';
import { oneLine } from '../cli/error-line.js';
import { parseServeArguments, type ServeArguments, serveCommand } from '../cli/serve-command.js';
import { sessionsCommand } from '../cli/sessions-command.js';
import { unknownVariables } from '../cli/unknown-variables.js';
import { packageVersion } from '../cli/version.js';

/** The commands, by name; another command is one more entry. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  [serveCommand.name, serveCommand],
  [sessionsCommand.name, sessionsCommand],
  [addUserCommand.name, addUserCommand],
]);

/** Parses the arguments of `serve` (after the word `serve`) into runtime options and where to listen. */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArguments {
  return parseServeArguments(argv, env);
}

function programHelp(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((name) => name.length));
  return [
    `usage: ${PROGRAM} <command> [options]`,
    '',
    'commands:',
    ...[...COMMANDS.values()].map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `${PROGRAM} <command> --help describes a command and its options; ${PROGRAM} --version prints the version.`,
    '',
  ].join('\n');
}

/**
 * Runs the command line. Resolves with the exit code, or `undefined` when a server keeps running
 * (it exits the process itself when stopped).
 */
export async function runCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // No command is a usage error: the usage goes to stderr, like that of an unknown command.
    process.stderr.write(`${PROGRAM}: no command given\n\n${programHelp()}`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(programHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) {
    process.stderr.write(`${PROGRAM}: unknown command "${name}"\n\n${programHelp()}`);
    return 2;
  }
  // After `--` every argument is a positional (a root named `--help`), as parseArgs takes it.
  const flags = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (flags.includes('--help') || flags.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  const tables = [...COMMANDS.values()].map((known) => known.options);
  for (const warning of unknownVariables(env, tables))
    process.stderr.write(`${PROGRAM} ${name}: warning: ${warning}\n`);
  try {
    return await command.run(rest, env);
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'ERR_INVALID_OPTION')) throw error;
    process.stderr.write(`${PROGRAM} ${name}: ${oneLine(error)}\n`);
    return 2;
  }
}

/** The entry point of `bin/`: runs the command line and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  try {
    const code = await runCommandLine(argv, process.env);
    if (code !== undefined) process.exitCode = code;
  } catch (error) {
    process.stderr.write(`${PROGRAM}: ${oneLine(error)}\n`);
    process.exitCode = 1;
  }
}
