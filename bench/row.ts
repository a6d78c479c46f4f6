/**
 * One line of the benchmark table, and the shape of a function that produces lines. Any file may
 * export a `RowProducer` (memory targets here; Redis targets elsewhere) and `run.ts` lists it.
 */
import type { BenchSettings } from './settings.js';

/** CPU time one request cost, µs, measured inside the target's processes over the measured window. */
export interface CpuPerRequest {
  /** The process that serves HTTP (the only one for single-process targets). */
  main: number;
  /** The sandbox workers added up; undefined for targets without workers. */
  workers: number | undefined;
  /** Every process of the target added up. */
  total: number;
}

/** What one request cost the Redis server (from `INFO cpu` and `INFO commandstats` before and after the window). */
export interface RedisPerRequest {
  /** CPU time of the Redis server, µs. */
  micros: number;
  /** Commands executed, those of Lua scripts included. */
  commands: number;
}

/** A measured target under one scenario. */
export interface Row {
  /** Rows of one group are compared with the group's baseline row. */
  group: string;
  /** The scenario without the store, e.g. "returning session": rows are compared with the limit row of theirs. */
  scenario: string;
  /** The target, e.g. "dirigible-session" or "express-session". */
  target: string;
  /** True for the row the others of its group are divided by (the ratio column). */
  baseline: boolean;
  /** True for the no-sandbox limit (bare `http` + a Map), which the "of limit" column divides by. */
  limit: boolean;
  /** Mean requests per second over the measured seconds. */
  requestsPerSecond: number;
  /** 99th percentile latency, milliseconds. */
  latencyP99: number;
  /** Responses counted as good: 2xx with the expected body. */
  requests: number;
  /** Connection errors and timeouts, non-2xx answers and wrong bodies: a row with any is not valid. */
  failures: number;
  cpu: CpuPerRequest;
  /** Only for targets whose sessions live in Redis. */
  redis: RedisPerRequest | undefined;
}

/** Measures some targets and returns their rows. */
export type RowProducer = (settings: BenchSettings) => Promise<Row[]>;
