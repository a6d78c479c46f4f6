/**
 * Waits event-loop turns (no timers) until `condition()` holds; rejects after `limitMs` of wall
 * time, naming what it waited for, so a spec whose condition never comes fails instead of hanging
 * the whole run.
 */
export async function until(condition: () => boolean, limitMs = 15_000, what = String(condition)): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`until: ${what} did not hold within ${limitMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
