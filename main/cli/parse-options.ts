/**
 * Reads a command's options from its flags, the environment and a config file (`--config FILE`,
 * JSON), in that order of precedence, as the option table describes them. An unknown flag or
 * config key, or a value of the wrong kind, throws `ERR_INVALID_OPTION` naming it as it was given.
 */
import { existsSync } from 'node:fs';
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
  const { rest, lists } = takeListValues(table, argv);
  const parsed = parseFlags(table, rest);
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
  for (const [option, text] of lists) set(option.name, readText(option, flagOf(option), text), flagOf(option));
  return { options, sources, positionals: parsed.positionals, help: parsed.values['help'] === true };
}

/**
 * Takes the list values of the boolean flags that also take one (`orList`) out of `argv`:
 * `--trust-proxy=LIST`, and `--trust-proxy LIST` when `LIST` is one the option accepts (else the
 * flag stands alone and the argument is what it was, a positional say). The rest go to `parseArgs`.
 */
function takeListValues(
  table: readonly CliOption[],
  argv: readonly string[],
): { rest: string[]; lists: Map<CliOption, string> } {
  const byFlag = new Map(
    table.filter((option) => option.orList !== undefined).map((option) => [flagOf(option), option]),
  );
  const rest: string[] = [];
  const lists = new Map<CliOption, string>();
  if (byFlag.size === 0) return { rest: [...argv], lists };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    const equals = argument.indexOf('=');
    const inline = equals > 0 ? byFlag.get(argument.slice(0, equals)) : undefined;
    if (inline !== undefined) {
      lists.set(inline, argument.slice(equals + 1));
      continue;
    }
    const option = byFlag.get(argument);
    const next = argv[index + 1];
    if (
      option !== undefined &&
      next !== undefined &&
      !next.startsWith('-') &&
      (accepts(option, next) || meantAsList(next))
    ) {
      lists.set(option, next);
      index++;
      continue;
    }
    rest.push(argument);
  }
  return { rest, lists };
}

/**
 * True when `text`, a list the option does not take, was still meant as one rather than as a
 * positional: it has a comma, starts with a digit or holds a colon (an address, a range, a list),
 * and names no file. It is then the flag's value, refused naming the flag (a typo in a list of
 * proxies), not a second root.
 */
function meantAsList(text: string): boolean {
  return /,|^\d|:/.test(text) && !existsSync(text);
}

/** True when `text` is a list `option` takes. */
function accepts(option: CliOption, text: string): boolean {
  try {
    option.orList?.(
      flagOf(option),
      text.split(',').map((item) => item.trim()),
    );
    return true;
  } catch {
    return false;
  }
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
