/**
 * Defence in depth for error text a client may see: host paths (the script root, the package,
 * the working and home directories) are replaced by placeholders. Module ids are root-relative, so
 * normally no such path appears; this catches what slips through (a host error quoting a file).
 * A failure leaves the worker so, its text cut (`redactedFailure`).
 */
import { homedir } from 'node:os';
import path from 'node:path';
import type { ErrorDescriptor } from '../../common/errors.js';
import { cutErrorText } from '../../common/limits.js';
import { ScriptRoot } from '../../common/script-root.js';
import { guestModulesDir } from './module-loader.js';

/** `[path, placeholder]` pairs, longest path first. */
export function hostPaths(root: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [
    [root, '<root>'],
    [new ScriptRoot(root).path, '<root>'],
    [path.dirname(guestModulesDir), '<host>'],
    [process.cwd(), '<host>'],
    [homedir(), '<host>'],
  ];
  return pairs.filter(([hostPath]) => hostPath.length > 1).sort((a, b) => b[0].length - a[0].length);
}

/** `text` with every host path of `paths` replaced. */
export function hidePaths(text: string, paths: ReadonlyArray<[string, string]>): string {
  let result = text;
  for (const [hostPath, placeholder] of paths) result = result.split(hostPath).join(placeholder);
  return result;
}

/**
 * `failure` as it leaves the worker: host paths of `paths` hidden, name, code, message and stack
 * cut to `max` characters (the main process must not parse megabytes, and a script chooses its
 * error's name and code as freely as its message), and the stack made by `frames` (the
 * positions of TypeScript modules pointed at their source: source-positions.ts).
 */
export function redactedFailure(
  failure: ErrorDescriptor,
  max: number,
  paths: ReadonlyArray<[string, string]>,
  frames: (stack: string) => string,
): ErrorDescriptor {
  const { stack } = failure;
  const shown = (text: string) => hidePaths(cutErrorText(text, max), paths);
  return {
    ...failure,
    name: shown(failure.name),
    code: shown(failure.code),
    message: shown(failure.message),
    // Cut before the rewrite too: a script can make a stack of any length.
    ...(stack === undefined || stack === '' ? {} : { stack: shown(frames(cutErrorText(stack, max))) }),
  };
}
