/**
 * The script root and the one rule for what lies under it, for both processes: routing in the main
 * process and the module loader in the worker. The root is resolved to its real path once, so a
 * root given through a symlink serves its scripts; a file counts only when its real path is under
 * the root's, so no symlink inside the root leads out of it.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** A regular file under the root: its real path and modification time. */
export interface FileUnderRoot {
  file: string;
  mtimeMs: number;
}

export class ScriptRoot {
  /** The real path of the root directory. */
  readonly path: string;

  /** @param root the script directory, possibly through a symlink; throws when it does not exist */
  constructor(root: string) {
    this.path = realpathSync(root);
  }

  /**
   * The regular file at `id` (a path under the root with `/` separators), or `undefined` when there
   * is none or its real path is not under the root.
   * @example new ScriptRoot('examples').find('basic-usage.js')?.file
   */
  find(id: string): FileUnderRoot | undefined {
    const file = path.join(this.path, ...id.split('/'));
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return undefined;
      const real = realpathSync(file);
      return real.startsWith(this.path + path.sep) ? { file: real, mtimeMs: stat.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  }
}
