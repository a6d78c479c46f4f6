/**
 * Drives one target with autocannon: an unmeasured warm-up, then the measured run. Every response
 * is checked against the expected body, so a fast wrong answer counts as a failure, not as speed.
 */
import autocannon, { type Result } from 'autocannon';

/** One load run against one URL. */
export interface LoadPlan {
  url: string;
  /** Headers sent on every request, e.g. the session cookie of a returning client. */
  headers: Record<string, string>;
  /** The body every response must have. */
  expectBody: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** What the measured run saw. */
export interface LoadResult {
  requestsPerSecond: number;
  latencyP99: number;
  requests: number;
  /** Every response of the measured run, good or not (what the servers' CPU is divided by). */
  completed: number;
  failures: number;
}

function fire(plan: LoadPlan, seconds: number): PromiseLike<Result> {
  return autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: seconds,
    headers: plan.headers,
    expectBody: plan.expectBody,
  });
}

/**
 * Warms the target up, then measures it. `window` is told just before and just after the
 * measured run (e.g. to read the servers' CPU time).
 */
export async function runLoad(
  plan: LoadPlan,
  window?: { start(): Promise<void>; end(): Promise<void> },
): Promise<LoadResult> {
  if (plan.warmupSeconds > 0) await fire(plan, plan.warmupSeconds);
  await window?.start();
  const result = await fire(plan, plan.seconds);
  await window?.end();
  const failures = result.errors + result.non2xx + result.mismatches;
  return {
    requestsPerSecond: result.requests.average,
    latencyP99: result.latency.p99,
    requests: result['2xx'] - result.mismatches,
    completed: result['2xx'] + result.non2xx,
    failures,
  };
}
