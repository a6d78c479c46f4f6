/**
 * What a subcommand of the `dirigible-session` command is, and its help text, made from its
 * options' table entries.
 */
import { type CliOption, envNamesOf, flagOf } from './option-table.js';

export interface Command {
  /** The subcommand's name, e.g. `serve`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Its usage line, after the program name, e.g. `serve <root> [options]`. */
  readonly usage: string;
  /** More help text, shown under the usage line. */
  readonly description?: string;
  /** Its options from the option table: flags, environment variables and `--config` keys. */
  readonly options: readonly CliOption[];
  /**
   * Help rows `[flag, text]` of the flags it takes outside the option table; by default
   * `--config FILE`, which every command reading the table takes.
   */
  readonly otherFlags?: readonly (readonly [flag: string, text: string])[];
  /**
   * Runs it. Resolves with the exit code, or `undefined` for a command that keeps running (a
   * server) and ends the process itself.
   */
  run(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number | undefined>;
}

/** The program's name, as the package's `bin` installs it. */
export const PROGRAM = 'dirigible-session';

/** The help row of `--config FILE`. */
export const CONFIG_FLAG: readonly [string, string] = [
  '--config FILE',
  'read options from a JSON file (flags and env win over it)',
];

/** The help text of `command`: usage, description, then one line per option with its variables and default. */
export function commandHelp(command: Command): string {
  const rows: (readonly [string, string])[] = command.options.map((option) => {
    const value =
      option.kind === 'boolean'
        ? option.orList === undefined
          ? ''
          : ' [LIST]'
        : ` ${option.choices?.join('|') ?? option.kind.toUpperCase()}`;
    return [
      `${flagOf(option)}${value}`,
      `${option.help}; env ${envNamesOf(option).join(', ')}; default ${option.default}`,
    ] as const;
  });
  rows.push(...(command.otherFlags ?? [CONFIG_FLAG]), ['--help, -h', 'this help']);
  return [
    `usage: ${PROGRAM} ${command.usage}`,
    '',
    ...(command.description === undefined ? [] : [command.description, '']),
    'options:',
    ...rows.flatMap(([flag, text]) => [`  ${flag}`, `      ${text}`]),
    '',
  ].join('\n');
}
