/**
 * The value of one command-line option, read from text (a flag or an environment variable) or
 * checked as a config file gives it (a JSON value), as its table entry says. Every refusal is an
 * `ERR_INVALID_OPTION` naming `source`: the option as the user gave it (`--timeout`,
 * `DIRIGIBLE_SESSION_TIMEOUT`, `timeout (in serve.json)`).
 */
import { InvalidOptionError } from '../../common/errors.js';
import type { CliOption } from './option-table.js';

/** The texts a boolean variable takes, in any case. */
const TRUE_TEXTS = ['true', '1', 'yes'];
const FALSE_TEXTS = ['false', '0', 'no'];

/**
 * The value of `text` for `option`.
 * @param source the flag or variable it came from, named in errors
 * @example readText(timeoutOption, '--timeout', '100') // 100
 */
export function readText(option: CliOption, source: string, text: string): unknown {
  option.check?.(source, text);
  if (option.choices !== undefined && !option.choices.includes(text))
    throw new InvalidOptionError(source, `must be one of ${option.choices.join(', ')} (got ${text})`);
  switch (option.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(text)) throw new InvalidOptionError(source, `must be a whole number (got ${text})`);
      const value = Number(text);
      checkRange(option, source, value);
      return value;
    }
    case 'boolean':
      if (TRUE_TEXTS.includes(text.toLowerCase())) return true;
      if (FALSE_TEXTS.includes(text.toLowerCase())) return false;
      if (option.orList !== undefined) {
        const items = text.split(',').map((item) => item.trim());
        option.orList(source, items);
        return items;
      }
      throw new InvalidOptionError(source, `must be true or false (also 1, 0, yes, no; any case) (got ${text})`);
    case 'list':
      // An empty item counts: `--require-user ''` is the prefix of every script.
      return text.split(',').map((item) => item.trim());
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

/**
 * Checks `value`, as a config file gives it, for `option`: its JSON type first (a port must be a
 * number, not the string `"8080"`), then what `readText` checks.
 * @param source the config key and its file, named in errors
 */
export function checkConfigValue(option: CliOption, source: string, value: unknown): void {
  const wrongType = (type: string) => new InvalidOptionError(source, `must be ${type} (got ${describe(value)})`);
  switch (option.kind) {
    case 'integer':
      if (typeof value !== 'number') throw wrongType('a number');
      if (!Number.isInteger(value)) throw new InvalidOptionError(source, `must be a whole number (got ${value})`);
      checkRange(option, source, value);
      return;
    case 'boolean':
      if (option.orList !== undefined && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
        option.orList(source, value);
        return;
      }
      if (typeof value !== 'boolean')
        throw wrongType(option.orList === undefined ? 'a boolean (true or false)' : 'a boolean or an array of strings');
      return;
    case 'list':
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        throw wrongType('an array of strings');
      return;
    case 'json':
      return;
    default:
      if (option.choices !== undefined) {
        if ((typeof value !== 'string' && typeof value !== 'boolean') || !option.choices.includes(String(value)))
          throw new InvalidOptionError(source, `must be one of ${option.choices.join(', ')} (got ${describe(value)})`);
        return;
      }
      if (typeof value !== 'string') throw wrongType('a string');
      option.check?.(source, value);
  }
}

function checkRange(option: CliOption, source: string, value: number): void {
  const { min, max } = option;
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return;
  const range =
    min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `>= ${min}` : `<= ${max}`;
  throw new InvalidOptionError(source, `must be a whole number ${range} (got ${value})`);
}

/** A JSON value's type and value, for messages: `the string "8080"`, `an array`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'object':
      return 'an object';
    default:
      return `the ${typeof value} ${String(value)}`;
  }
}
