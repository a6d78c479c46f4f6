/**
 * Where each option of a command line came from, as the user gave it: its flag (`--timeout`), its
 * environment variable (`DIRIGIBLE_SESSION_TIMEOUT`, `PORT`) or its config-file key
 * (`timeout (in serve.json)`). The runtime checks the values it is given and names its own
 * options (`timeout`); `nameAsGiven` turns such an error into one that names the option the way
 * the user gave it, and so the other options its message names (`must be at least "timeout"`).
 */
import { CodedError, InvalidOptionError } from '../../common/errors.js';
import { ENV_PREFIX, envOf, flagOf, SERVE_OPTIONS } from './option-table.js';

/** Option name (`cookie.secure`, `root`) → the flag, variable or config key that set it. */
export type OptionSources = ReadonlyMap<string, string>;

/** `option "<name>" <expectation>`, as `InvalidOptionError` words it; `<name>` may end in `[index]`. */
const OPTION_MESSAGE = /^option "([^"[]+)(?:\[\d+\])?" ([\s\S]*)$/;

/**
 * `error` renamed: when it is an `ERR_INVALID_OPTION` about an option the command line set, the
 * same error naming the flag, variable or config key instead (and so the other options it names,
 * its `relatedOptions`: as the command line set them, and one it did not set as a flag when the
 * erring option was a flag, as a variable when it was a variable: `"--tls-cert" needs "--tls-key"`);
 * any other error unchanged.
 * @example nameAsGiven(new InvalidOptionError('timeout', 'must be …'), new Map([['timeout', '--timeout']]))
 *   // option "--timeout" must be …
 */
export function nameAsGiven(error: unknown, sources: OptionSources): unknown {
  if (!(error instanceof CodedError) || error.code !== 'ERR_INVALID_OPTION') return error;
  const [, name, expectation] = OPTION_MESSAGE.exec(error.message) ?? [];
  const source = name === undefined ? undefined : sources.get(name);
  if (source === undefined || expectation === undefined) return error;
  // Only the options the error says it names: a quoted user name "port" stays as it is.
  const related = error instanceof InvalidOptionError ? error.relatedOptions : [];
  let renamed = expectation;
  for (const other of related) {
    const given = sources.get(other) ?? unsetNameLike(source, other);
    if (given !== undefined) renamed = renamed.replaceAll(`"${other}"`, `"${given}"`);
  }
  return new InvalidOptionError(source, renamed, related);
}

/**
 * How to name `option`, which the command line did not set, to a user who gave another option as
 * `source`: the same kind (a flag, a variable) when `option` has one; a config key stays the option.
 */
function unsetNameLike(source: string, option: string): string | undefined {
  if (!SERVE_OPTIONS.some((known) => known.name === option)) return undefined;
  if (source.startsWith('--')) return flagOf({ name: option });
  if (source.startsWith(ENV_PREFIX)) return envOf({ name: option });
  return undefined;
}
