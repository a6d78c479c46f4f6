/**
 * Finds scripts under the root, remembering each found script for a short while so a busy script
 * costs no file-system calls per request. A change to a script file is seen within `freshMs`.
 */
import path from 'node:path';
import { rememberWithin } from '../../common/bounded-memory.js';
import { type FileUnderRoot, ScriptRoot } from '../../common/script-root.js';

/** A script file found under the root. */
export interface FoundScript extends FileUnderRoot {
  /** The script's path under the root when it differs from the requested one (a `.ts` served for `.js`). */
  script?: string;
  /**
   * The file's real path under the root, with `/` separators: one name per file, however it was
   * reached (a symlink, a loop of them, a `.ts` served for `.js`). The metrics label scripts by it,
   * so clients cannot add series by spelling one file many ways.
   */
  canonical: string;
}

/** Most scripts remembered at once; past it the memory starts over. */
const MAX_ENTRIES = 10_000;

export class ScriptLocator {
  readonly #root: ScriptRoot;
  readonly #freshMs: number;
  readonly #now: () => number;
  readonly #found = new Map<string, { script: FoundScript; checkedAt: number }>();

  /** @param root the script directory (its real path is resolved once); @param freshMs how long a lookup stays valid; @param now time source in ms */
  constructor(root: string, freshMs = 1000, now: () => number = Date.now) {
    this.#root = new ScriptRoot(root);
    this.#freshMs = freshMs;
    this.#now = now;
  }

  /** The script file (a real path under the root) and its mtime, or `undefined` when there is none. */
  find(script: string): FoundScript | undefined {
    const now = this.#now();
    const cached = this.#found.get(script);
    if (cached !== undefined && now - cached.checkedAt < this.#freshMs) return cached.script;
    const found = this.#lookUp(script);
    if (found === undefined) {
      this.#found.delete(script);
      return undefined;
    }
    rememberWithin(this.#found, script, { script: found, checkedAt: now }, MAX_ENTRIES);
    return found;
  }

  /**
   * The file of `script`; a `.js` script that does not exist is served from the `.ts` file beside
   * it, as Dirigible 10 serves a TypeScript file at `/services/js/<path>.js`.
   */
  #lookUp(script: string): FoundScript | undefined {
    const found = this.#root.find(script);
    if (found !== undefined) return { ...found, canonical: this.#canonical(found.file) };
    if (!script.endsWith('.js')) return undefined;
    const typescript = `${script.slice(0, -'.js'.length)}.ts`;
    const sibling = this.#root.find(typescript);
    return sibling === undefined
      ? undefined
      : { ...sibling, script: typescript, canonical: this.#canonical(sibling.file) };
  }

  #canonical(file: string): string {
    return path.relative(this.#root.path, file).split(path.sep).join('/');
  }
}
