/**
 * `npm run soak`: mixed load on loopback against a real runtime in its own process: normal and
 * async scripts, session churn (each visitor's cart checked to be theirs), time-limit and deadline
 * overruns, memory bombs, and bombs that crash workers. Prints failed requests by cause and the
 * main process's memory over time; exits 1 on any unexplained failure or when the heap grew after
 * warm-up.
 *
 * Environment: SOAK_SECONDS (default 180), SOAK_MAX_REQUESTS (default 1,000,000), SOAK_CONCURRENCY
 * (default 8), SOAK_WORKERS (default 2), SOAK_ISOLATION (`script` or `request`, default `script`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pickScenario, type Step } from './scenarios.js';
import { type MemorySample, sampleLine, Tally } from './tally.js';

const seconds = Number(process.env['SOAK_SECONDS'] ?? 180);
const maxRequests = Number(process.env['SOAK_MAX_REQUESTS'] ?? 1_000_000);
const concurrency = Number(process.env['SOAK_CONCURRENCY'] ?? 8);
const options = {
  workers: Number(process.env['SOAK_WORKERS'] ?? 2),
  isolation: process.env['SOAK_ISOLATION'] ?? 'script',
  timeout: 500,
  deadline: 1000,
  memoryLimit: 16,
  sweepInterval: 10_000,
};
/** Heap growth after warm-up beyond which memory is not flat, MB. */
const FLAT_TOLERANCE_MB = 5;

const server = fork(fileURLToPath(new URL('./server-main.js', import.meta.url)), [JSON.stringify(options)], {
  execArgv: ['--no-node-snapshot', '--expose-gc'],
});
const url = await new Promise<string>((resolve, reject) => {
  server.once('message', (message: { url: string }) => resolve(message.url));
  server.once('exit', () => reject(new Error('the soak server stopped before listening')));
});

const tally = new Tally();
/** The largest event-loop delays of the main process over the run, ms. */
const loop = { maxMs: 0, busyMs: 0 };
const started = Date.now();
const elapsed = () => Math.round((Date.now() - started) / 1000);
const running = () => Date.now() - started < seconds * 1000 && tally.requests < maxRequests;

console.log(`soak: ${seconds} s (at most ${maxRequests} requests), ${concurrency} clients, ${JSON.stringify(options)}`);
console.log('main process memory after a full GC:');
const sampler = setInterval(() => void sample(server).then(report), Math.max(1000, (seconds * 1000) / 12));
await report(await sample(server));
await Promise.all(Array.from({ length: concurrency }, (_, client) => visitor(client)));
clearInterval(sampler);
await report(await sample(server));
server.send({ type: 'stop' });

const warmUp = Math.round(seconds / 5);
const growth = tally.heapGrowthMb(warmUp);
console.log(
  `\n${tally.requests} requests in ${elapsed()} s (${Math.round(tally.requests / Math.max(1, elapsed()))}/s)`,
);
for (const line of tally.outcomeTable()) console.log(line);
console.log(`unexplained failures: ${tally.unexplained}`);
console.log(
  `main event loop: largest delay ${loop.maxMs.toFixed(1)} ms, largest busy delay (its own CPU) ${loop.busyMs.toFixed(1)} ms`,
);
console.log(
  `heap growth after warm-up (${warmUp} s): ${growth.toFixed(1)} MB (flat means under ${FLAT_TOLERANCE_MB} MB)`,
);
process.exitCode = tally.unexplained === 0 && growth < FLAT_TOLERANCE_MB ? 0 : 1;

/** One client: rounds of randomly picked scenarios until the time or request budget is spent. */
async function visitor(client: number): Promise<void> {
  for (let round = 0; running(); round++) {
    const scenario = pickScenario();
    await scenario.run((step) => send(scenario.name, step), client * 1_000_000 + round);
  }
}

async function send(scenario: string, step: Step): Promise<{ cookie: string | undefined }> {
  try {
    const response = await fetch(`${url}/services/js/${step.path}`, {
      headers: step.cookie === undefined ? {} : { cookie: step.cookie },
    });
    const body = await response.text();
    tally.record(scenario, step.check(response.status, body));
    const cookie = response.headers
      .getSetCookie()
      .find((header) => header.startsWith('JSESSIONID='))
      ?.split(';')[0];
    return { cookie: cookie ?? step.cookie };
  } catch (error) {
    tally.record(scenario, `network: ${error instanceof Error ? error.message : String(error)}`);
    return { cookie: step.cookie };
  }
}

function sample(child: ChildProcess): Promise<MemorySample> {
  return new Promise((resolve) => {
    child.once(
      'message',
      (message: {
        memory: NodeJS.MemoryUsage;
        sessions: number;
        stats: { restarts: number };
        eventLoop?: { maxMs: number; busyMs: number; p99Ms: number };
      }) => {
        if (message.eventLoop !== undefined) {
          loop.maxMs = Math.max(loop.maxMs, message.eventLoop.maxMs);
          loop.busyMs = Math.max(loop.busyMs, message.eventLoop.busyMs);
          console.log(
            `         main event loop since the last sample: p99 delay ${message.eventLoop.p99Ms.toFixed(1)} ms, max ${message.eventLoop.maxMs.toFixed(1)} ms, max busy ${message.eventLoop.busyMs.toFixed(1)} ms`,
          );
        }
        resolve({
          seconds: elapsed(),
          heapUsedMb: message.memory.heapUsed / 1024 / 1024,
          rssMb: message.memory.rss / 1024 / 1024,
          sessions: message.sessions,
          restarts: message.stats.restarts,
        });
      },
    );
    child.send({ type: 'sample' });
  });
}

async function report(memory: MemorySample): Promise<void> {
  tally.samples.push(memory);
  console.log(sampleLine(memory));
}
