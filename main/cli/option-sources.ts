/**
 * Where each option of a command line came from, as the user gave it: its flag (`--timeout`), its
 * environment variable (`DIRIGIBLE_SESSION_TIMEOUT`, `PORT`) or its config-file key
 * (`timeout (in serve.json)`). The runtime checks the values it is given and names its own
 * options (`timeout`); `nameAsGiven` turns such an error into one that names the option the way
 * the user gave it, and so the other options its message names (`must be at least "timeout"`).
 */
import { CodedError, InvalidOptionError } from '../../common/errors.js';

/** Option name (`cookie.secure`, `root`) → the flag, variable or config key that set it. */
export type OptionSources = ReadonlyMap<string, string>;

/** `option "<name>" <expectation>`, as `InvalidOptionError` words it; `<name>` may end in `[index]`. */
const OPTION_MESSAGE = /^option "([^"[]+)(?:\[\d+\])?" ([\s\S]*)$/;

/**
 * `error` renamed: when it is an `ERR_INVALID_OPTION` about an option the command line set, the
 * same error naming the flag, variable or config key instead (and so the other options it names,
 * its `relatedOptions`, that the command line set); any other error unchanged.
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
    const given = sources.get(other);
    if (given !== undefined) renamed = renamed.replaceAll(`"${other}"`, `"${given}"`);
  }
  return new InvalidOptionError(source, renamed, related);
}
