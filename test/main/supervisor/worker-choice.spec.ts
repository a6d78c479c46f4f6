/**
 * The choice of worker for a run: idle first, packed behind up to a millisecond of quick runs,
 * pipelined behind fast ones, never behind a new, slow, failing or stuck script.
 */
import { expect } from 'chai';
import {
  chooseWorker,
  FAST_RUN_MS,
  MAX_SCRIPTS_REMEMBERED,
  PACK_BUDGET_MICROS,
  PACK_MAX_RUNS,
  QUICK_HEAD_MS,
  QUICK_RUN_MICROS,
  RUNS_TO_TRUST,
  RunHistory,
  type WorkerLoad,
} from '../../../main/supervisor/worker-choice.js';

const NOW = 1_000_000;
const DEPTH = 4;

/** A worker holding runs of `scripts` (the running one first), whose head started `headAgeMs` ago. */
function worker(name: string, scripts: string[], headAgeMs = 0, usable = true): WorkerLoad & { name: string } {
  return { name, usable, jobs: scripts.map((script) => ({ message: { script } })), headSince: NOW - headAgeMs };
}

/** Each run's round trip (ms) and time in its worker (µs), by pace. */
const PACE = {
  quick: { ms: 0.2, micros: 50 },
  fast: { ms: FAST_RUN_MS / 2, micros: QUICK_RUN_MICROS * 3 },
  slow: { ms: FAST_RUN_MS, micros: FAST_RUN_MS * 1000 },
};
type Pace = keyof typeof PACE;

/** Counts a run of `script` at `pace`. */
function record(history: RunHistory, script: string, pace: Pace, stopped = false): void {
  history.record(script, PACE[pace].ms, PACE[pace].micros, stopped);
}

/** A history in which each script's last runs all went at its pace. */
function historyOf(runs: Record<string, Pace>): RunHistory {
  const history = new RunHistory();
  for (const [script, pace] of Object.entries(runs))
    for (let i = 0; i < RUNS_TO_TRUST; i++) record(history, script, pace);
  return history;
}

function choose(workers: ReturnType<typeof worker>[], history: RunHistory, depth = DEPTH): string | undefined {
  return chooseWorker(workers, history, depth, NOW)?.name;
}

describe('worker choice', () => {
  it('takes the first idle worker', () => {
    expect(choose([worker('a', []), worker('b', [])], new RunHistory())).to.equal('a');
    expect(choose([worker('a', ['new.js']), worker('b', [])], new RunHistory())).to.equal('b');
  });

  it('packs a run onto a busy worker holding only quick runs, though another idles', () => {
    const history = historyOf({ 'hello.js': 'quick' });
    expect(choose([worker('a', ['hello.js', 'hello.js']), worker('b', [])], history)).to.equal('a');
  });

  it('packs beyond the pipeline depth, up to a millisecond of quick runs', () => {
    const history = historyOf({ 'hello.js': 'quick' });
    const fits = PACK_BUDGET_MICROS / PACE.quick.micros;
    expect(choose([worker('a', Array(fits).fill('hello.js')), worker('b', [])], history)).to.equal('a');
    expect(choose([worker('a', Array(fits + 1).fill('hello.js')), worker('b', [])], history)).to.equal('b');
  });

  it('packs behind at most PACK_MAX_RUNS runs, however short', () => {
    const history = new RunHistory();
    for (let i = 0; i < RUNS_TO_TRUST; i++) history.record('tiny.js', 0.01, 1, false);
    expect(choose([worker('a', Array(PACK_MAX_RUNS - 1).fill('tiny.js')), worker('b', [])], history)).to.equal('a');
    expect(choose([worker('a', Array(PACK_MAX_RUNS).fill('tiny.js')), worker('b', [])], history)).to.equal('b');
  });

  it('does not pack behind a script that is fast but not quick: the idle worker takes the run', () => {
    const history = historyOf({ 'hello.js': 'quick', 'report.js': 'fast' });
    expect(choose([worker('a', ['hello.js', 'report.js']), worker('b', [])], history)).to.equal('b');
  });

  it('does not pack behind a script whose worker did not say how long it took', () => {
    const history = new RunHistory();
    for (let i = 0; i < RUNS_TO_TRUST; i++) history.record('hello.js', 0.2, undefined, false);
    expect(choose([worker('a', ['hello.js']), worker('b', [])], history)).to.equal('b');
  });

  it('does not pack behind a quick script whose run has lasted longer than quick runs do', () => {
    const history = historyOf({ 'hello.js': 'quick' });
    expect(choose([worker('a', ['hello.js'], QUICK_HEAD_MS), worker('b', [])], history)).to.equal('a');
    expect(choose([worker('a', ['hello.js'], QUICK_HEAD_MS + 1), worker('b', [])], history)).to.equal('b');
  });

  it('trusts a script only after its last runs each counted: one slower or stopped run ends the streak', () => {
    const history = historyOf({ 'hello.js': 'quick' });
    const workers = () => [worker('a', ['hello.js']), worker('b', [])];
    record(history, 'hello.js', 'fast');
    expect(choose(workers(), history)).to.equal('b');
    for (let i = 0; i < RUNS_TO_TRUST - 1; i++) record(history, 'hello.js', 'quick');
    expect(choose(workers(), history)).to.equal('b');
    record(history, 'hello.js', 'quick');
    expect(choose(workers(), history)).to.equal('a');
    record(history, 'hello.js', 'quick', true);
    expect(choose(workers(), history)).to.equal('b');
    for (let i = 0; i < RUNS_TO_TRUST; i++) record(history, 'hello.js', 'quick');
    history.forget('hello.js');
    expect(choose(workers(), history)).to.equal('b');
  });

  it('with every worker busy, pipelines behind fast runs on the least loaded worker', () => {
    const history = historyOf({ 'report.js': 'fast' });
    expect(choose([worker('a', ['report.js', 'report.js']), worker('b', ['report.js'])], history)).to.equal('b');
    expect(choose([worker('a', ['report.js']), worker('b', ['new.js'])], history)).to.equal('a');
  });

  it('with every worker busy behind new, slow or full runs, leaves the run in the queue', () => {
    const history = historyOf({ 'slow.js': 'slow', 'report.js': 'fast' });
    const full = Array(DEPTH).fill('report.js');
    expect(choose([worker('a', ['new.js']), worker('b', ['slow.js']), worker('c', full)], history)).to.equal(undefined);
  });

  it('a pipeline depth of 1 turns packing off as well', () => {
    const history = historyOf({ 'hello.js': 'quick' });
    expect(choose([worker('a', ['hello.js']), worker('b', [])], history, 1)).to.equal('b');
    expect(choose([worker('a', ['hello.js']), worker('b', ['hello.js'])], history, 1)).to.equal(undefined);
  });

  it('skips a worker that is not usable', () => {
    const history = historyOf({ 'hello.js': 'quick' });
    expect(choose([worker('a', [], 0, false), worker('b', [])], history)).to.equal('b');
    expect(choose([worker('a', ['hello.js'], 0, false), worker('b', ['hello.js'])], history)).to.equal('b');
  });

  it('remembers at most MAX_SCRIPTS_REMEMBERED scripts: endless names of one file (a symlink loop) start it over', () => {
    const history = new RunHistory();
    for (let index = 0; index < RUNS_TO_TRUST; index++) history.record('app.js', 1, 1, false);
    for (let index = 0; index < 3 * MAX_SCRIPTS_REMEMBERED; index++) {
      history.record(`${'self/'.repeat(index % 7)}a${index}.js`, 1, 1, false);
      expect(history.size).to.be.at.most(MAX_SCRIPTS_REMEMBERED);
    }
    // Started over: a script proves itself again.
    expect(history.fast('app.js')).to.equal(false);
  });
});
