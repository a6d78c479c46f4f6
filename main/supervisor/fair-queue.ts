/**
 * The runs waiting for a worker, queued per script and taken round-robin across scripts: a script
 * with hundreds of slow runs waiting delays another script's run by at most one run per waiting
 * script, not by its whole backlog. Within one script, runs keep their arrival order.
 */

/** Something queued for a script. */
export interface ScriptJob {
  message: { script: string };
}

export class FairQueue<T extends ScriptJob> {
  /** Per script, its waiting runs; the map's order is the round-robin order. */
  readonly #queues = new Map<string, T[]>();
  #length = 0;

  /** Runs waiting, all scripts together. */
  get length(): number {
    return this.#length;
  }

  /** Queues `job` behind the runs of its script. */
  push(job: T): void {
    const queue = this.#queues.get(job.message.script);
    if (queue === undefined) this.#queues.set(job.message.script, [job]);
    else queue.push(job);
    this.#length++;
  }

  /** Puts runs handed back (never started) first in their scripts' queues, in the order given. */
  unshift(...jobs: T[]): void {
    for (const job of [...jobs].reverse()) {
      const queue = this.#queues.get(job.message.script);
      if (queue === undefined) this.#queues.set(job.message.script, [job]);
      else queue.unshift(job);
      this.#length++;
    }
  }

  /** The next run: the oldest of the script whose turn it is; that script then goes last. */
  shift(): T | undefined {
    for (const [script, queue] of this.#queues) {
      const job = queue.shift();
      this.#queues.delete(script);
      if (job === undefined) continue;
      if (queue.length > 0) this.#queues.set(script, queue);
      this.#length--;
      return job;
    }
    return undefined;
  }

  /** Takes every waiting run out. */
  drain(): T[] {
    const jobs = [...this.#queues.values()].flat();
    this.#queues.clear();
    this.#length = 0;
    return jobs;
  }
}
