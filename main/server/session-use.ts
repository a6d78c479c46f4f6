/**
 * Which scripts use the session, as their last run told (the worker reports it with the result).
 * A script whose last run used it has its session loaded before the run, as the run message's
 * snapshot (the fast way for scripts that need it); any other script, and every script on its
 * first run, runs without it and loads it only if it asks (deferred-session.ts), so a script that
 * never touches the session never waits for the store.
 */
export class SessionUse {
  /** Scripts (paths under the root) whose last run used the session. */
  readonly #using = new Set<string>();

  /** True when the last run of `script` used the session. */
  uses(script: string): boolean {
    return this.#using.has(script);
  }

  /** Records whether a run of `script` used the session. */
  learn(script: string, used: boolean): void {
    if (used) this.#using.add(script);
    else this.#using.delete(script);
  }
}
