/**
 * Which worker takes the next run: the pool's dispatch rules, apart from the processes, so they
 * can be read and tested on their own.
 *
 * Packing: a run goes to the first worker that is idle or that holds only quick runs, even while
 * a later one idles. Quick runs are those of scripts whose last runs each took their worker under
 * `QUICK_RUN_MICROS` (as the worker reports); the runs a worker holds must add up to at most
 * `PACK_BUDGET_MICROS` by their scripts' latest times (and number fewer than `PACK_MAX_RUNS`), and
 * the one it is on must have started no more than `QUICK_HEAD_MS` ago. So a run waits behind about
 * a millisecond of work at most, where running it at once on an idle worker would save
 * microseconds; and a quick script that suddenly hangs holds only the runs packed behind it in its
 * first `QUICK_HEAD_MS` (they run elsewhere once its worker is killed). A worker that always has
 * its next run at hand neither sleeps nor wakes between runs; two half-idle ones each do both
 * every few runs: on the Basic Usage benchmark packing cost a quarter less worker CPU per request
 * with Redis, a seventh with the memory store. The next worker takes runs once the first holds its
 * budget, anything slower, or a run that stopped being quick; so heavier scripts still spread over
 * all workers.
 *
 * Pipelining: when no worker may take the run that way, it may be sent to a busy worker behind the
 * runs it holds (up to the pipeline depth in all), so the worker goes on without waiting a round
 * trip for its next run. It happens only behind scripts that have proven fast (their last runs
 * each took under `FAST_RUN_MS`, round trip included), so a run is never queued behind a new, slow
 * or failing script.
 *
 * A pipeline depth of 1 turns both off: a run then waits in the pool until a worker is idle.
 */
import { rememberWithin } from '../../common/bounded-memory.js';
import { QUICK_RUN_MS } from '../../common/protocol.js';

/** A run that took less than this (ms, round trip included) counts as fast. */
export const FAST_RUN_MS = 10;
/** A run that took its worker less than this (µs) counts as quick: `QUICK_RUN_MS` (protocol.ts), the worker's own rule. */
export const QUICK_RUN_MICROS = QUICK_RUN_MS * 1000;
/** Most work (µs, by the scripts' latest run times) a worker may hold for a run to be packed behind it. */
export const PACK_BUDGET_MICROS = 1000;
/** Most runs a worker may hold for a run to be packed behind them, whatever their times. */
export const PACK_MAX_RUNS = 64;
/** A run at the head of a worker's queue for longer than this (ms) is not taken for quick any more. */
export const QUICK_HEAD_MS = 3;
/** Consecutive fast (or quick) runs after which a script counts as fast (or quick). */
export const RUNS_TO_TRUST = 3;

interface ScriptRuns {
  /** Latest runs in a row that were fast, up to `RUNS_TO_TRUST`. */
  fast: number;
  /** Latest runs in a row that were quick, up to `RUNS_TO_TRUST`. */
  quick: number;
  /** How long the latest run took its worker, µs. */
  micros: number;
}

/**
 * Most scripts whose runs are remembered. Scripts are named as requested, and a symlink loop in the
 * root gives one file endless names: past this the history starts over (every script then has to
 * prove itself fast or quick again, `RUNS_TO_TRUST` runs).
 */
export const MAX_SCRIPTS_REMEMBERED = 10_000;

/** Per script: how its latest runs went. */
export class RunHistory {
  readonly #scripts = new Map<string, ScriptRuns>();

  /**
   * Counts a run of `script` that took `runMs` (round trip included) and, as its worker reports,
   * `runMicros` of the worker's time (unknown: not quick); one the sandbox stopped at a limit ends
   * both streaks.
   */
  record(script: string, runMs: number, runMicros: number | undefined, stopped: boolean): void {
    let runs = this.#scripts.get(script);
    if (runs === undefined) {
      runs = { fast: 0, quick: 0, micros: Number.POSITIVE_INFINITY };
      rememberWithin(this.#scripts, script, runs, MAX_SCRIPTS_REMEMBERED);
    }
    runs.fast = runMs < FAST_RUN_MS && !stopped ? Math.min(runs.fast + 1, RUNS_TO_TRUST) : 0;
    const quick = runMicros !== undefined && runMicros < QUICK_RUN_MICROS && !stopped;
    runs.quick = quick ? Math.min(runs.quick + 1, RUNS_TO_TRUST) : 0;
    runs.micros = runMicros ?? Number.POSITIVE_INFINITY;
  }

  /** How many scripts' runs are remembered. */
  get size(): number {
    return this.#scripts.size;
  }

  /** Ends both streaks of `script` (its run took its worker down). */
  forget(script: string): void {
    this.#scripts.delete(script);
  }

  /** True when the last `RUNS_TO_TRUST` runs of `script` were each fast. */
  fast(script: string): boolean {
    return (this.#scripts.get(script)?.fast ?? 0) >= RUNS_TO_TRUST;
  }

  /** The latest run time (µs) of `script` when its last `RUNS_TO_TRUST` runs were each quick; else infinity. */
  quickMicros(script: string): number {
    const runs = this.#scripts.get(script);
    return runs !== undefined && runs.quick >= RUNS_TO_TRUST ? runs.micros : Number.POSITIVE_INFINITY;
  }
}

/** What the choice reads of a worker. */
export interface WorkerLoad {
  /** Ready and not being killed. */
  readonly usable: boolean;
  /** The runs it holds, the running one first. */
  readonly jobs: readonly { readonly message: { readonly script: string } }[];
  /** When (`Date.now()`) the run at the head of `jobs` started. */
  readonly headSince: number;
}

/**
 * The worker for the next run, in the order of `workers`: the first that is idle or may take the
 * run packed behind quick runs; else the least loaded one that may take it behind fast runs; else
 * none (the run waits in the pool's queue).
 */
export function chooseWorker<W extends WorkerLoad>(
  workers: Iterable<W>,
  history: RunHistory,
  depth: number,
  now: number,
): W | undefined {
  for (const worker of workers) {
    if (!worker.usable) continue;
    if (worker.jobs.length === 0) return worker;
    if (depth > 1 && now - worker.headSince <= QUICK_HEAD_MS && packable(worker, history)) return worker;
  }
  let best: W | undefined;
  for (const worker of workers) {
    if (!worker.usable || worker.jobs.length >= depth || !allFast(worker, history)) continue;
    if (best === undefined || worker.jobs.length < best.jobs.length) best = worker;
  }
  return best;
}

/** True when the runs `worker` holds are all quick and add up to at most `PACK_BUDGET_MICROS`. */
function packable(worker: WorkerLoad, history: RunHistory): boolean {
  if (worker.jobs.length >= PACK_MAX_RUNS) return false;
  let micros = 0;
  for (const job of worker.jobs) {
    micros += history.quickMicros(job.message.script);
    if (micros > PACK_BUDGET_MICROS) return false;
  }
  return true;
}

function allFast(worker: WorkerLoad, history: RunHistory): boolean {
  for (const job of worker.jobs) if (!history.fast(job.message.script)) return false;
  return true;
}
