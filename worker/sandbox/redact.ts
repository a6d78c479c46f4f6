/**
 * Defence in depth for error text a client may see: host paths (the script root, the package,
 * the working and home directories) are replaced by placeholders. Module ids are root-relative, so
 * normally no such path appears; this catches what slips through (a host error quoting a file).
 */
import { homedir } from 'node:os';
import path from 'node:path';
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
