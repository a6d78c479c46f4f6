/**
 * Hand-written types for the part of autocannon's programmatic API the benchmark uses
 * (the package ships none). See autocannon's README, "API" and "Results".
 */
declare module 'autocannon' {
  /** Options of one load run. */
  export interface Options {
    /** Target URL (loopback here). */
    url: string;
    /** Concurrent keep-alive connections. Default 10. */
    connections?: number;
    /** Seconds to run. Default 10. */
    duration?: number;
    /** Request headers sent on every request. */
    headers?: Record<string, string>;
    /** Responses whose body differs are counted in `mismatches`. */
    expectBody?: string;
    /** Seconds to wait for one response before counting a timeout. Default 10. */
    timeout?: number;
  }

  /** An hdr-histogram summary: mean, spread and percentiles. */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  /** What a finished run reports. */
  export interface Result {
    /** Requests per second, sampled each second. */
    requests: Histogram;
    /** Response latency, milliseconds. */
    latency: Histogram;
    /** Seconds the run took. */
    duration: number;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
    /** Responses whose body differed from `expectBody`. */
    mismatches: number;
    /** Responses with a status outside 200-299. */
    non2xx: number;
    '2xx': number;
  }

  /** An instance: an event emitter that is also a promise of the result. */
  export interface Instance extends PromiseLike<Result> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
