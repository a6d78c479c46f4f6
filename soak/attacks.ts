/**
 * The attacks of the hardening issue (14) in the soak's mix: results that would stall or bloat the
 * main process, loops that escape the isolate's time limit, framing tricks, and a junk session
 * cookie planted before the real one. Each must get its coded answer while the rest keeps working.
 */
import type { Scenario, Step } from './scenarios.js';

function failedWith(status: number, ...codes: string[]): Step['check'] {
  return (answered, body) => {
    if (answered !== status) return `status ${answered}`;
    if (body.length > 20_000) return `error body of ${body.length} bytes`;
    try {
      const parsed = JSON.parse(body) as { code?: string };
      return codes.includes(String(parsed.code)) ? undefined : `code ${parsed.code}`;
    } catch {
      return 'body not JSON';
    }
  };
}

function single(path: string, check: Step['check']): Scenario['run'] {
  return async (send) => {
    await send({ path, check });
  };
}

/** A visitor with a session and a junk JSESSIONID planted before it: the real session must be found. */
const plantedCookie: Scenario['run'] = async (send, round) => {
  const owner = `planted-${round}`;
  const { cookie } = await send({
    path: `cart.js?op=add&owner=${owner}&item=a`,
    check: (status) => (status === 200 ? undefined : `status ${status}`),
  });
  if (cookie === undefined) return;
  await send({
    path: 'cart.js?op=read',
    cookie: `JSESSIONID=${'J'.repeat(32)}; ${cookie}`,
    check: (status, body) =>
      status === 200 && body === JSON.stringify({ owner, items: ['a'] }) ? undefined : 'session lost',
  });
  await send({ path: 'cart.js?op=logout', cookie, check: () => undefined });
};

export const attackScenarios: Scenario[] = [
  {
    name: 'huge error message',
    weight: 2,
    run: single('huge-error.js', (status, body) =>
      status === 500 && body.length < 20_000 ? undefined : `status ${status}, ${body.length} bytes`,
    ),
  },
  { name: 'two million headers', weight: 2, run: single('many-headers.js', failedWith(500, 'ERR_TOO_MANY_HEADERS')) },
  {
    name: 'headers of 10 KiB',
    weight: 1,
    run: single('stall/big-headers.js', failedWith(500, 'ERR_HEADERS_TOO_LARGE')),
  },
  { name: 'session op flood', weight: 2, run: single('many-ops.js', failedWith(500, 'ERR_SESSION_OPS_LIMIT')) },
  { name: 'status 100', weight: 1, run: single('status-100.js', failedWith(500, 'ERR_INVALID_STATUS')) },
  {
    name: 'framing headers',
    weight: 1,
    run: single('framing.js', (status, body) => (status === 200 && body === 'framed' ? undefined : `status ${status}`)),
  },
  { name: 'API call loop', weight: 1, run: single('api-loop.js', failedWith(500, 'ERR_SCRIPT_TIMEOUT')) },
  { name: 'ICU loop', weight: 1, run: single('icu-loop.js', failedWith(500, 'ERR_SCRIPT_TIMEOUT')) },
  // The isolate does not stop this loop; the supervisor kills the worker once it used `timeout` + 2 s
  // of CPU (2.5 s here). With the soak's deadline of 1 s, the wall-clock backstop (deadline + 2 s)
  // comes at 3 s: on a loaded machine, where the worker gets less than about 85 % of a core, the
  // backstop comes first and the answer is ERR_SCRIPT_DEADLINE (with the defaults, 7 s of CPU
  // against 12 s, that takes a worker getting under 58 % of a core).
  {
    name: 'allocation loop',
    weight: 1,
    run: single('alloc-loop.js', failedWith(500, 'ERR_SCRIPT_TIMEOUT', 'ERR_MEMORY_LIMIT', 'ERR_SCRIPT_DEADLINE')),
  },
  { name: 'planted cookie', weight: 3, run: plantedCookie },
];
