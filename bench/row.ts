/**
 * One line of the benchmark table, and the shape of a function that produces lines. Any file may
 * export a `RowProducer` (memory targets here; Redis targets elsewhere) and `run.ts` lists it.
 */
import type { BenchSettings } from './settings.js';

/** A measured target under one scenario. */
export interface Row {
  /** Rows of one group are compared with the group's baseline row. */
  group: string;
  /** The target, e.g. "dirigible-session" or "express-session". */
  target: string;
  /** True for the row the others of its group are divided by (the ratio column). */
  baseline: boolean;
  /** Mean requests per second over the measured seconds. */
  requestsPerSecond: number;
  /** 99th percentile latency, milliseconds. */
  latencyP99: number;
  /** Responses counted as good: 2xx with the expected body. */
  requests: number;
  /** Connection errors and timeouts, non-2xx answers and wrong bodies: a row with any is not valid. */
  failures: number;
}

/** Measures some targets and returns their rows. */
export type RowProducer = (settings: BenchSettings) => Promise<Row[]>;
