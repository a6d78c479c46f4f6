/**
 * `--config FILE`: a JSON object of a command's options, keyed by their option names, nested
 * ones as objects (`{ "port": 8080, "cookie": { "secure": true } }`). An unknown key or a value of
 * the wrong JSON type throws `ERR_INVALID_OPTION` naming the key and the file.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../../common/errors.js';
import type { CliOption } from './option-table.js';
import { checkConfigValue } from './option-value.js';

/** One option the file sets: its name (`cookie.secure`), value, and the key as errors name it. */
export interface ConfigEntry {
  name: string;
  value: unknown;
  /** `cookie.secure (in ./serve.json)` */
  source: string;
}

/**
 * The options `file` sets, each checked against `table`.
 * @param extraKeys keys a command takes besides the table's (e.g. `root`), checked by the command
 */
export function readConfigFile(table: readonly CliOption[], file: string, extraKeys: readonly string[]): ConfigEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code);
    throw new InvalidOptionError('--config', `cannot read ${file}: ${why}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new InvalidOptionError('--config', `${file} is not JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new InvalidOptionError('--config', 'must hold a JSON object of options');
  const options = new Map(table.map((option) => [option.name, option]));
  const known = new Set([...options.keys(), ...extraKeys]);
  const entries: ConfigEntry[] = [];
  for (const [key, value] of Object.entries(config)) {
    const nested = typeof value === 'object' && value !== null && !Array.isArray(value) && !known.has(key);
    for (const [name, leaf] of nested ? Object.entries(value).map(([k, v]) => [`${key}.${k}`, v]) : [[key, value]]) {
      const source = `${name} (in ${file})`;
      if (!known.has(name as string)) throw new InvalidOptionError(source, 'is not an option of this command');
      const option = options.get(name as string);
      if (option !== undefined) checkConfigValue(option, source, leaf);
      entries.push({ name: name as string, value: leaf, source });
    }
  }
  return entries;
}
