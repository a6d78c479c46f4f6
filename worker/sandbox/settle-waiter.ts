/**
 * Waiting for a script that returned a promise. The kernel reports the promise's end through the
 * host's settle callback, which may come before the host starts waiting (a chain of resolved
 * promises ends in the same synchronous run). The wait ends at the deadline otherwise: a script
 * awaiting something that never happens costs its worker slot until then, and no longer.
 */

/** The run's deadline passed before its promise settled. */
export class DeadlinePassed extends Error {}

export class SettleWaiter {
  #runId = 0;
  #settled: { description: string | undefined } | undefined;
  #resolve: ((description: string | undefined) => void) | undefined;

  /** Starts expecting the settle of `runId`; earlier runs' settles are ignored from now on. */
  expect(runId: number): void {
    this.#runId = runId;
    this.#settled = undefined;
    this.#resolve = undefined;
  }

  /** The kernel's callback. */
  settle(runId: number, description: string | undefined): void {
    if (runId !== this.#runId || this.#settled !== undefined) return;
    this.#settled = { description };
    this.#resolve?.(description);
  }

  /** The settle description of the expected run; rejects with `DeadlinePassed` after `ms`. */
  wait(ms: number): Promise<string | undefined> {
    if (this.#settled !== undefined) return Promise.resolve(this.#settled.description);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.#resolve = undefined;
          reject(new DeadlinePassed());
        },
        Math.max(0, ms),
      );
      this.#resolve = (description) => {
        clearTimeout(timer);
        this.#resolve = undefined;
        resolve(description);
      };
    });
  }
}
