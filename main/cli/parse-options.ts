/**
 * Reads a command's options from its flags, the environment and a config file (`--config FILE`,
 * JSON), in that order of precedence, as the option table describes them. An unknown flag or
 * config key, or a value of the wrong kind, throws `ERR_INVALID_OPTION` naming it as it was given.
 */
import { parseArgs } from 'node:util';
import { readConfigFile } from './config-file.js';
import { flagError } from './flag-error.js';
import { type CliOption, envNamesOf, flagOf } from './option-table.js';
import type { OptionSources } from './option-sources.js';
import { readText } from './option-value.js';

/** What a command line said: its options (nested as the runtime takes them) and its positionals. */
export interface ParsedCommand {
  options: Record<string, unknown>;
  /** Where each option in `options` came from (see `nameAsGiven`). */
  sources: OptionSources;
  positionals: string[];
  help: boolean;
}

/**
 * Parses `argv` against `table`. `--help`/`-h` and `--config FILE` are understood by every command.
 * An environment variable set to the empty text counts as unset.
 * @param extraKeys config-file keys a command takes besides the table's (e.g. `root`)
 */
export function parseCommand(
  table: readonly CliOption[],
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  extraKeys: readonly string[] = [],
): ParsedCommand {
  const parsed = parseFlags(table, argv);
  const options: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const set = (name: string, value: unknown, source: string) => {
    setPath(options, name, value);
    sources.set(name, source);
  };
  const config = parsed.values['config'];
  if (typeof config === 'string')
    for (const { name, value, source } of readConfigFile(table, config, extraKeys)) set(name, value, source);
  for (const option of table) {
    const name = envNamesOf(option).find((variable) => (env[variable] ?? '') !== '');
    if (name !== undefined) set(option.name, readText(option, name, env[name] as string), name);
  }
  for (const option of table) {
    const flag = flagOf(option);
    const value = parsed.values[flag.slice(2)];
    if (value === undefined) continue;
    // A list flag may repeat: each value is a list of its own (`--require-user ''` is `['']`).
    const read = (text: string | boolean) => readText(option, flag, String(text));
    set(
      option.name,
      typeof value === 'boolean' ? value : Array.isArray(value) ? value.flatMap(read) : read(value),
      flag,
    );
  }
  return { options, sources, positionals: parsed.positionals, help: parsed.values['help'] === true };
}

function parseFlags(table: readonly CliOption[], argv: readonly string[]) {
  const flags: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
    config: { type: 'string' },
  };
  for (const option of table)
    flags[flagOf(option).slice(2)] =
      option.kind === 'list'
        ? { type: 'string', multiple: true }
        : { type: option.kind === 'boolean' ? 'boolean' : 'string' };
  try {
    return parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    throw flagError(error, flags);
  }
}

/** Sets `a.b` in `target`, making the intermediate object. */
function setPath(target: Record<string, unknown>, name: string, value: unknown): void {
  const [head, ...rest] = name.split('.');
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  setPath(target[head] as Record<string, unknown>, rest.join('.'), value);
}
