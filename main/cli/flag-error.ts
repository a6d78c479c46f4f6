/**
 * The one-line error of a command line that `parseArgs` refused: the flag as it was given, what was
 * wrong with it, and, for a flag the command does not have, the one it most likely meant.
 */
import { InvalidOptionError } from '../../common/errors.js';

/** Most edits (letters added, removed, changed or swapped) between a misspelt flag and the one it meant. */
const MAX_EDITS = 2;

/**
 * `ERR_INVALID_OPTION` for `error`, one of `parseArgs`'s refusals.
 * @param options the command's flags as `parseArgs` took them (`port: { type: 'string' }`), to name
 *   the one an unknown flag was meant to be
 * @example flagError(unknownPrt, { port: { type: 'string' } }).message
 *   // option "--prot" is not understood here: Unknown option '--prot'; did you mean --port? (see --help)
 */
export function flagError(
  error: unknown,
  options: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>,
): InvalidOptionError {
  const flags = Object.keys(options).map((name) => `--${name}`);
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs quotes the flag: a string flag followed by its placeholder ('--port <value>'), one
  // with a short form after that form ('-h, --help'), which the long form names.
  const flag = /'(?:-\w, )?(-[^' ]+)/.exec(message)?.[1] ?? 'command line';
  if (/argument missing/.test(message)) return new InvalidOptionError(flag, 'needs a value (see --help)');
  const dash = /ambiguous/.test(message) ? `; a value starting with - is written ${flag}=VALUE` : '';
  const unknown = error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  const meant = unknown ? closestFlag(flag, flags) : undefined;
  // `--no-trust-proxy`: a boolean that is on is turned off by its variable or config key.
  const negated = unknown && flag.startsWith('--no-') && options[flag.slice(5)]?.type === 'boolean';
  const hint = negated
    ? `; there is no --no- flag: turn --${flag.slice(5)} off by its variable or config key (false)`
    : meant === undefined
      ? ''
      : `; did you mean ${meant}?`;
  // One line: parseArgs's first sentence, then how to write a dashed value or the flag meant.
  return new InvalidOptionError(flag, `is not understood here: ${message.split(/\.\s/)[0]}${dash}${hint} (see --help)`);
}

/** The flag of `flags` that `given` most likely misspells (case, a few letters, a cut-off end), if any. */
export function closestFlag(given: string, flags: readonly string[]): string | undefined {
  if (!given.startsWith('--')) return undefined;
  return closestName(given.toLowerCase(), flags);
}

/**
 * The name of `names` that `given` most likely misspells (a few letters, a cut-off end), if any;
 * `given` is compared in the case `names` are written in.
 */
export function closestName(given: string, names: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    const edits = editDistance(given, name);
    if (edits <= MAX_EDITS && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  if (best !== undefined) return best.name;
  // A name cut short (`--max-body` for `--max-body-size`), when only one name starts so.
  const longer = names.filter((name) => given.length >= 5 && name.startsWith(given));
  return longer.length === 1 ? longer[0] : undefined;
}

/** Letters added, removed, changed or two neighbours swapped to make `b` from `a` (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1] ? 0 : 1;
      let edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + same);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        edits = Math.min(edits, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = edits;
    }
  return at(a.length, b.length);
}
