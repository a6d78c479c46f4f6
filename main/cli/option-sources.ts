/**
 * Where each option of a command line came from, as the user gave it: its flag (`--timeout`), its
 * environment variable (`DIRIGIBLE_SESSION_TIMEOUT`, `PORT`) or its config-file key
 * (`timeout (in serve.json)`). The runtime checks the values it is given and names its own
 * options (`timeout`); `nameAsGiven` turns such an error into one that names the option the way
 * the user gave it, and so every other option its message names in quotes (`must be at least
 * "timeout"`).
 */
import { CodedError, InvalidOptionError } from '../../common/errors.js';

/** Option name (`cookie.secure`, `root`) → the flag, variable or config key that set it. */
export type OptionSources = ReadonlyMap<string, string>;

/** `option "<name>" <expectation>`, as `InvalidOptionError` words it; `<name>` may end in `[index]`. */
const OPTION_MESSAGE = /^option "([^"[]+)(?:\[\d+\])?" ([\s\S]*)$/;

/** An option named in quotes inside an expectation (`must be at least "timeout" (1000 ms)`). */
const QUOTED_OPTION = /"([^"]+)"/g;

/**
 * `error` renamed: when it is an `ERR_INVALID_OPTION` about an option the command line set, the
 * same error naming the flag, variable or config key instead (and so any option the command line
 * set that its message names in quotes); any other error unchanged.
 * @example nameAsGiven(new InvalidOptionError('timeout', 'must be …'), new Map([['timeout', '--timeout']]))
 *   // option "--timeout" must be …
 */
export function nameAsGiven(error: unknown, sources: OptionSources): unknown {
  if (!(error instanceof CodedError) || error.code !== 'ERR_INVALID_OPTION') return error;
  const [, name, expectation] = OPTION_MESSAGE.exec(error.message) ?? [];
  const source = name === undefined ? undefined : sources.get(name);
  if (source === undefined || expectation === undefined) return error;
  const renamed = expectation.replace(QUOTED_OPTION, (quoted, other: string) => {
    const given = sources.get(other);
    return given === undefined ? quoted : `"${given}"`;
  });
  return new InvalidOptionError(source, renamed);
}
