/**
 * A load of session requests for the Redis fault specs: browsers (cookie jars) each asking
 * examples/visit-counter.js over and over, each checking its own visit count. A spec changes the
 * store under them (a reshard step, a failover) and then waits until every browser has had more
 * answers, so each step is seen by requests without timing guesses.
 */
import type { CookieJarClient } from './cookie-jar-client.js';

const VISITS = /^Visits in this session: (\d+)( \(new session\))?/;

/** One answer a browser got. */
export interface Visit {
  status: number;
  /** The count the page showed (200 only). */
  count?: number;
  /** The page said the session was new. */
  fresh?: boolean;
  text: string;
}

export class VisitLoad {
  /** Each browser's answers, in order. */
  readonly visits: Visit[][];
  readonly #browsers: CookieJarClient[];
  readonly #loops: Promise<void>[];
  readonly #waiting = new Set<() => void>();
  #running = true;

  /** Starts `browsers` (each with its own jar) asking `path` until `stop()`. */
  constructor(browsers: CookieJarClient[], path = '/services/js/visit-counter.js') {
    this.#browsers = browsers;
    this.visits = browsers.map(() => []);
    this.#loops = browsers.map(async (browser, index) => {
      while (this.#running) {
        const response = await browser.get(path);
        const shown = VISITS.exec(response.text);
        const visit: Visit = { status: response.status, text: response.text };
        if (response.status === 200 && shown !== null) {
          visit.count = Number(shown[1]);
          visit.fresh = shown[2] !== undefined;
        }
        this.visits[index]?.push(visit);
        for (const check of this.#waiting) check();
      }
    });
  }

  /** The browser `index`'s cookie jar. */
  browser(index: number): CookieJarClient {
    return this.#browsers[index] as CookieJarClient;
  }

  /**
   * Resolves once every browser has had `more` answers after this call that satisfy `which`
   * (default: any); rejects after `limitMs` of wall time, so a load that never gets there fails
   * the spec instead of hanging it.
   */
  more(more = 1, which: (visit: Visit) => boolean = () => true, limitMs = 30_000): Promise<void> {
    const from = this.visits.map((visits) => visits.length);
    return this.when(
      () => this.visits.every((visits, index) => visits.slice(from[index]).filter(which).length >= more),
      limitMs,
      `every browser had ${more} more answers of ${which}`,
    );
  }

  /** Resolves once `condition()` holds, checked after every answer; rejects after `limitMs` naming `what`. */
  when(condition: () => boolean, limitMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(check);
        reject(new Error(`VisitLoad: ${what} did not happen within ${limitMs} ms: ${this.statuses()}`));
      }, limitMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#waiting.delete(check);
        resolve();
      };
      this.#waiting.add(check);
      check();
    });
  }

  /** Stops asking and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
  }

  /** Every status any browser got, once each, sorted. */
  statuses(): number[] {
    return [...new Set(this.visits.flat().map((visit) => visit.status))].sort();
  }

  /**
   * Where a browser's counts break the rule: its first answer 200 starts a new session at 1, and
   * each 200 after it counts one more than the 200 before it when no other answer came in between
   * (a failed request may or may not have counted: more, then, but never less or the same), never
   * starting a new session. One line per break; none when every acknowledged visit was kept.
   */
  breaks(): string[] {
    return this.visits.flatMap((visits, browser) => {
      const found: string[] = [];
      let last: number | undefined;
      let failedSince = false;
      for (const [index, visit] of visits.entries()) {
        if (visit.status !== 200) {
          failedSince = true;
          continue;
        }
        const count = visit.count ?? Number.NaN;
        const expected = last === undefined ? 'new session at 1' : failedSince ? `more than ${last}` : `${last + 1}`;
        const fine =
          last === undefined
            ? count === 1 && visit.fresh === true
            : visit.fresh === false && (failedSince ? count > last : count === last + 1);
        if (!fine)
          found.push(`browser ${browser} answer ${index}: ${JSON.stringify(visit.text)}, expected ${expected}`);
        last = count;
        failedSince = false;
      }
      return found;
    });
  }
}
