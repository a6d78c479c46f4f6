/**
 * Counts of the soak: per scenario, requests sent and outcomes (expected, or the cause of an
 * unexplained failure), and the main process's memory samples; printed as tables at the end.
 */

export interface MemorySample {
  seconds: number;
  heapUsedMb: number;
  rssMb: number;
  sessions: number;
  restarts: number;
}

export class Tally {
  readonly #outcomes = new Map<string, Map<string, number>>();
  readonly samples: MemorySample[] = [];
  requests = 0;

  /** Records one request of `scenario`; `cause` undefined means it got the expected answer. */
  record(scenario: string, cause: string | undefined): void {
    this.requests++;
    const outcomes = this.#outcomes.get(scenario) ?? new Map<string, number>();
    const key = cause ?? 'expected';
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    this.#outcomes.set(scenario, outcomes);
  }

  /** Requests that did not get the answer their scenario expects. */
  get unexplained(): number {
    let count = 0;
    for (const outcomes of this.#outcomes.values()) for (const [key, n] of outcomes) if (key !== 'expected') count += n;
    return count;
  }

  /** Growth of the heap from the first sample after warm-up to the last, MB. */
  heapGrowthMb(warmUpSeconds: number): number {
    const warm = this.samples.find((sample) => sample.seconds >= warmUpSeconds) ?? this.samples[0];
    const last = this.samples.at(-1);
    return warm === undefined || last === undefined ? 0 : last.heapUsedMb - warm.heapUsedMb;
  }

  /** The outcome table: scenario, requests, expected, unexplained failures by cause. */
  outcomeTable(): string[] {
    const lines = ['scenario        requests  expected  unexplained (by cause)'];
    for (const [scenario, outcomes] of this.#outcomes) {
      const total = [...outcomes.values()].reduce((sum, n) => sum + n, 0);
      const causes = [...outcomes].filter(([key]) => key !== 'expected').map(([key, n]) => `${key}: ${n}`);
      lines.push(
        `${scenario.padEnd(15)} ${String(total).padStart(8)}  ${String(outcomes.get('expected') ?? 0).padStart(8)}  ${causes.length === 0 ? '0' : causes.join(', ')}`,
      );
    }
    return lines;
  }
}

/** One line of the memory table. */
export function sampleLine(sample: MemorySample): string {
  return `${String(sample.seconds).padStart(6)} s  heap ${sample.heapUsedMb.toFixed(1).padStart(6)} MB  rss ${sample.rssMb.toFixed(1).padStart(6)} MB  sessions ${String(sample.sessions).padStart(5)}  worker restarts ${sample.restarts}`;
}
