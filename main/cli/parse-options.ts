/**
 * Reads a command's options from its flags, the environment and a config file (`--config FILE`,
 * JSON), in that order of precedence, as the option table describes them. An unknown flag or
 * config key, or a value of the wrong kind, throws `ERR_INVALID_OPTION` naming it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../../common/errors.js';
import { type CliOption, envNamesOf, flagOf } from './option-table.js';

/** What a command line said: its options (nested as the runtime takes them) and its positionals. */
export interface ParsedCommand {
  options: Record<string, unknown>;
  positionals: string[];
  help: boolean;
}

/**
 * Parses `argv` against `table`. `--help`/`-h` and `--config FILE` are understood by every command.
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
  const config = parsed.values['config'];
  if (typeof config === 'string') Object.assign(options, readConfigFile(table, config, extraKeys));
  for (const option of table) {
    const name = envNamesOf(option).find((variable) => (env[variable] ?? '') !== '');
    if (name !== undefined) setPath(options, option.name, readText(option, name, env[name] as string));
  }
  for (const option of table) {
    const value = parsed.values[flagOf(option).slice(2)];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    setPath(options, option.name, typeof value === 'boolean' ? value : readText(option, flagOf(option), text));
  }
  return { options, positionals: parsed.positionals, help: parsed.values['help'] === true };
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
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^']+)'/.exec(message)?.[1] ?? 'command line';
    throw new InvalidOptionError(flag, `is not understood here: ${message.split('. ')[0]} (see --help)`);
  }
}

/** The value of `text` for `option`, named `source` (a flag or a variable) in errors. */
export function readText(option: CliOption, source: string, text: string): unknown {
  option.check?.(source, text);
  if (option.choices !== undefined && !option.choices.includes(text))
    throw new InvalidOptionError(source, `must be one of ${option.choices.join(', ')} (got ${text})`);
  switch (option.kind) {
    case 'integer':
      if (!/^-?\d+$/.test(text)) throw new InvalidOptionError(source, `must be a whole number (got ${text})`);
      return Number(text);
    case 'boolean':
      if (/^(true|1|yes)$/i.test(text)) return true;
      if (/^(false|0|no)$/i.test(text)) return false;
      throw new InvalidOptionError(source, `must be true or false (got ${text})`);
    case 'list':
      // Repeated flags arrive joined with commas: `--trusted-origin a --trusted-origin b` is `a,b`.
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new InvalidOptionError(source, `must be JSON (got ${text})`);
      }
    default:
      // `cookie.secure` and `cookie.sameSite` take booleans beside their words.
      return option.choices !== undefined && (text === 'true' || text === 'false') ? text === 'true' : text;
  }
}

/** The options of a JSON config file, checked against the table. */
function readConfigFile(
  table: readonly CliOption[],
  file: string,
  extraKeys: readonly string[],
): Record<string, unknown> {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidOptionError(
      '--config',
      `cannot be read as JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new InvalidOptionError('--config', 'must hold a JSON object of options');
  const known = new Set([...table.map((option) => option.name), ...extraKeys]);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const nested = typeof value === 'object' && value !== null && !Array.isArray(value) && !known.has(key);
    for (const [name, leaf] of nested ? Object.entries(value).map(([k, v]) => [`${key}.${k}`, v]) : [[key, value]]) {
      if (!known.has(name as string))
        throw new InvalidOptionError(`${name} (in ${file})`, 'is not an option of this command');
      setPath(result, name as string, leaf);
    }
  }
  return result;
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
