/**
 * What the soak sends, how often, and what each kind of request must get back. An outcome that is
 * not the expected one is an unexplained failure.
 */

import { attackScenarios } from './attacks.js';

/** One request as sent, with the session cookie it carries (if any). */
export interface Step {
  path: string;
  cookie?: string;
  /** Checks the answer; returns `undefined` when it is the expected one, else the cause. */
  check(status: number, body: string): string | undefined;
}

export interface Scenario {
  name: string;
  /** Relative frequency. */
  weight: number;
  /** The requests of one round; a round may carry a session from step to step. */
  run(send: (step: Step) => Promise<{ cookie: string | undefined }>, round: number): Promise<void>;
}

/** Expects a 500 error body with one of `codes`. */
function coded(...codes: string[]): Step['check'] {
  return (status, body) => {
    if (status !== 500) return `status ${status}`;
    try {
      const parsed = JSON.parse(body) as { code?: string };
      return codes.includes(String(parsed.code)) ? undefined : `code ${parsed.code}`;
    } catch {
      return 'body not JSON';
    }
  };
}

function exactly(expected: string): Step['check'] {
  return (status, body) => (status !== 200 ? `status ${status}` : body === expected ? undefined : 'wrong body');
}

function single(path: string, check: Step['check']): Scenario['run'] {
  return async (send) => {
    await send({ path, check });
  };
}

/** A visitor who fills a cart over a few requests, checks it is theirs, and logs out. */
const cartRound: Scenario['run'] = async (send, round) => {
  const owner = `owner-${round}-${Math.random().toString(36).slice(2, 8)}`;
  const items: string[] = [];
  const cart = () => JSON.stringify({ owner, items });
  items.push('a');
  const { cookie } = await send({ path: `cart.js?op=add&owner=${owner}&item=a`, check: exactly(cart()) });
  if (cookie === undefined) return;
  items.push('b');
  await send({ path: `cart.js?op=add&item=b`, cookie, check: exactly(cart()) });
  await send({ path: 'cart.js?op=read', cookie, check: exactly(cart()) });
  await send({ path: 'cart.js?op=logout', cookie, check: exactly('bye') });
};

export const scenarios: Scenario[] = [
  { name: 'normal', weight: 50, run: single('normal.js?n=100', exactly('sum 100 = 5050')) },
  { name: 'async', weight: 10, run: single('async.js?n=7', exactly('async 7')) },
  { name: 'session churn', weight: 25, run: cartRound },
  { name: 'timeout', weight: 5, run: single('loop.js', coded('ERR_SCRIPT_TIMEOUT')) },
  { name: 'deadline', weight: 2, run: single('forever.js', coded('ERR_SCRIPT_DEADLINE')) },
  // A bomb ends at whichever limit it reaches first: on a busy machine the synchronous time limit
  // (timeout plus the supervisor's grace) can come before the heap is full.
  { name: 'memory bomb', weight: 5, run: single('bomb.js', coded('ERR_MEMORY_LIMIT', 'ERR_SCRIPT_TIMEOUT')) },
  { name: 'worker crash', weight: 3, run: single('crash.js', coded('ERR_MEMORY_LIMIT', 'ERR_SCRIPT_TIMEOUT')) },
  ...attackScenarios,
];

/** A scenario picked at random by weight. */
export function pickScenario(random = Math.random()): Scenario {
  const total = scenarios.reduce((sum, scenario) => sum + scenario.weight, 0);
  let left = random * total;
  for (const scenario of scenarios) {
    left -= scenario.weight;
    if (left < 0) return scenario;
  }
  return scenarios[0] as Scenario;
}
