/**
 * Which scripts used a part of their request's state on their last run, as the worker reported
 * with the result. The runtime keeps one for the session and one for the request:
 * - A script whose last run used its session has the session loaded before the run, as the run
 *   message's snapshot; any other script runs without it and loads it only if it asks
 *   (deferred-session.ts), so a script that never touches the session never waits for the store.
 * - A script whose last run read its request gets the request with the run; any other gets it
 *   only if it reads it (a `request` host call, request-calls.ts), so a script that never looks
 *   at its request costs no copy of it.
 * Every script starts as one that does not use it (`unknown` tells that it has not run yet).
 *
 * Scripts are named as requested, and a symlink loop in the root (`self -> .`) gives one file
 * endless names (`self/a.js`, `self/self/a.js` …): past `MAX_SCRIPTS_KNOWN` names the memory starts
 * over, and every script is then unknown again (its next run learns it anew).
 */
import { rememberWithin } from '../../common/bounded-memory.js';

export class ScriptUse {
  /** Most scripts remembered at once, as the script locator (script-locator.ts). */
  static readonly MAX_SCRIPTS_KNOWN = 10_000;
  /** Scripts (paths under the root) that ran here, and whether their last run used it. */
  readonly #used = new Map<string, boolean>();

  /** True when the last run of `script` used it. */
  uses(script: string): boolean {
    return this.#used.get(script) === true;
  }

  /** True when `script` has not run here yet: whether it uses it is not known. */
  unknown(script: string): boolean {
    return !this.#used.has(script);
  }

  /** Records whether a run of `script` used it. */
  learn(script: string, used: boolean): void {
    rememberWithin(this.#used, script, used, ScriptUse.MAX_SCRIPTS_KNOWN);
  }

  /** How many scripts are remembered. */
  get size(): number {
    return this.#used.size;
  }
}
