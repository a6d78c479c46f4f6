/**
 * Counts the runs a worker has received, so a freshness check can serve several runs: a file
 * checked at some moment was unchanged for every request the main process had received by then,
 * and a run the worker already held then is such a request. So a check made after run N arrived
 * holds for runs 1..N ("edited files are served fresh on the next request" stays true), and a burst
 * of runs of one script costs one `stat` per file, not one per run.
 */
let received = 0;

/** Counts one more run received; returns its number (1, 2, …). */
export function runArrived(): number {
  received += 1;
  return received;
}

/** How many runs had arrived up to now: a check made now holds for every run numbered up to this. */
export function runsArrived(): number {
  return received;
}
