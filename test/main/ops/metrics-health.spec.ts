/**
 * Prometheus metrics and the liveness and readiness probes, at the paths the options set: scraped
 * as Prometheus would, after real requests, a session expiry, an invalidation and a worker crash;
 * readiness following a real Redis that stops and comes back.
 */
import { expect } from 'chai';
import { ERROR_CODES } from '../../../common/error-codes.js';
import { MAX_SCRIPT_CODES } from '../../../main/ops/metrics.js';
import { createRuntime } from '../../../main/server/runtime.js';
import { fixturesDir } from '../../support/paths.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

const opsDir = `${fixturesDir}ops`;
const probes = { metricsPath: '/metrics', livenessPath: '/health/live', readinessPath: '/health/ready' };

/** The value of the sample `name{labels}` in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${name}${labels === '' ? ' ' : `{${labels}} `}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics and health', () => {
  describe('metrics', () => {
    let harness: Harness;
    let now = 1_000_000;

    before(async () => {
      harness = await startRuntime({ root: opsDir, ...probes, clock: { now: () => now }, timeout: 200 });
    });
    after(() => harness.close());

    async function scrape(): Promise<string> {
      const response = await harness.client().get('/metrics');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      return response.text;
    }

    it('counts requests by status class and script, and their latency', async () => {
      const client = harness.client();
      await client.get('/services/js/ok.js');
      await client.get('/services/js/ok.js');
      await client.get('/services/js/fails.js');
      await client.get('/services/js/nothing-here.js');
      await until(() => true);
      const text = await scrape();
      expect(sample(text, 'dirigible_http_requests_total', 'status_class="2xx",script="ok.js"')).to.equal(2);
      expect(sample(text, 'dirigible_http_requests_total', 'status_class="5xx",script="fails.js"')).to.equal(1);
      expect(sample(text, 'dirigible_http_requests_total', 'status_class="4xx",script="(none)"')).to.equal(1);
      expect(sample(text, 'dirigible_http_request_duration_seconds_count', 'status_class="2xx"')).to.equal(2);
    });

    it('counts script failures by code', async () => {
      await harness.client().get('/services/js/spin.js');
      const text = await scrape();
      expect(sample(text, 'dirigible_script_failures_total', 'code="ERR_ON_PURPOSE"')).to.equal(1);
      expect(sample(text, 'dirigible_script_failures_total', 'code="ERR_SCRIPT_TIMEOUT"')).to.equal(1);
    });

    it("labels at most MAX_SCRIPT_CODES codes of scripts' own errors: the rest, and codes that are no word, count as ERR_SCRIPT", async () => {
      const client = harness.client();
      const labels = (text: string) =>
        [...text.matchAll(/^dirigible_script_failures_total\{code="([^"]*)"\}/gm)].map((match) => match[1] as string);
      const earlier = await scrape();
      const free =
        MAX_SCRIPT_CODES - labels(earlier).filter((code) => !ERROR_CODES.has(code) && code !== 'ERR_SCRIPT').length;
      const uncoded = sample(earlier, 'dirigible_script_failures_total', 'code="ERR_SCRIPT"') ?? 0;
      // One code of its own per request, as a hostile script may do: the label set must stay bounded.
      for (let index = 0; index < free + 5; index++)
        expect((await client.get(`/services/js/coded-by-request.js?code=OWN_${index}`)).status).to.equal(500);
      await client.get(`/services/js/coded-by-request.js?code=${'x'.repeat(65)}`);
      await client.get('/services/js/coded-by-request.js?code=OWN_0');
      const text = await scrape();
      expect(labels(text).filter((code) => code.startsWith('OWN_'))).to.have.length(free);
      expect(sample(text, 'dirigible_script_failures_total', 'code="OWN_0"')).to.equal(2);
      expect(sample(text, 'dirigible_script_failures_total', 'code="ERR_SCRIPT"')).to.equal(uncoded + 5 + 1);
    });

    it('counts sessions active, created, invalidated and expired', async () => {
      const alice = harness.client();
      const bob = harness.client();
      await alice.get('/services/js/login.js?user=alice');
      await bob.get('/services/js/login.js?user=bob');
      let text = await scrape();
      expect(sample(text, 'dirigible_sessions_active')).to.equal(2);
      expect(sample(text, 'dirigible_sessions_created_total')).to.equal(2);
      await alice.get('/services/js/login.js?logout=1');
      now += 1801 * 1000;
      expect(await harness.runtime.sessions.sweep()).to.equal(1);
      text = await scrape();
      expect(sample(text, 'dirigible_sessions_active')).to.equal(0);
      expect(sample(text, 'dirigible_sessions_invalidated_total')).to.equal(1);
      expect(sample(text, 'dirigible_sessions_expired_total')).to.equal(1);
    });

    it('reports worker restarts, the run queue, ready workers and the event-loop lag', async () => {
      const [pid] = harness.runtime.stats().pids;
      process.kill(pid as number, 'SIGKILL');
      await until(() => harness.runtime.stats().restarts === 1 && harness.runtime.stats().ready === 1);
      const text = await scrape();
      expect(sample(text, 'dirigible_worker_restarts')).to.equal(1);
      expect(sample(text, 'dirigible_run_queue_depth')).to.equal(0);
      expect(sample(text, 'dirigible_workers_ready')).to.equal(1);
      expect(sample(text, 'dirigible_nodejs_eventloop_lag_seconds')).to.be.a('number');
    });

    it('answers liveness with 200', async () => {
      const response = await harness.client().get('/health/live');
      expect(response.status).to.equal(200);
      expect(response.json()).to.deep.equal({ status: 'ok' });
    });

    it('gives the probe and metrics responses an X-Request-Id too: a new UUID, or the sane one the client sent', async () => {
      const client = harness.client();
      for (const path of ['/metrics', '/health/live', '/health/ready']) {
        const fresh = await client.get(path);
        expect(fresh.headers.get('x-request-id'), path).to.match(
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        );
        const other = await client.get(path);
        expect(other.headers.get('x-request-id'), path).to.not.equal(fresh.headers.get('x-request-id'));
        const given = await client.request(path, { headers: { 'X-Request-Id': 'probe-7.a' } });
        expect(given.headers.get('x-request-id'), path).to.equal('probe-7.a');
        const insane = await client.request(path, { headers: { 'X-Request-Id': 'not sane' } });
        expect(insane.headers.get('x-request-id'), path).to.match(/^[0-9a-f-]{36}$/);
      }
    });
  });

  it('serves none of the paths unless set: they are scripts paths or 404s then', async () => {
    const harness = await startRuntime({ root: opsDir });
    try {
      expect((await harness.client().get('/metrics')).status).to.equal(404);
      expect((await harness.client().get('/health/ready')).status).to.equal(404);
    } finally {
      await harness.close();
    }
  });

  it('refuses paths under /services/, paths that are not paths, and one path for two probes', () => {
    const root = opsDir;
    expect(() => createRuntime({ root, metricsPath: '/services/metrics' })).to.throw(/"metricsPath" must be outside/);
    expect(() => createRuntime({ root, livenessPath: 'live' })).to.throw(/"livenessPath" must be a URL path/);
    expect(() => createRuntime({ root, livenessPath: '/h', readinessPath: '/h' })).to.throw(
      /"readinessPath" is already used/,
    );
  });

  describe('readiness with a real Redis', () => {
    let redis: RedisServer;
    let harness: Harness;

    before(async () => {
      redis = await RedisServer.start();
      harness = await startRuntime({ root: opsDir, redisUrl: redis.url, ...probes });
    });
    after(async () => {
      await harness?.close();
      await redis?.dispose();
    });

    it('is ready with workers ready and the store reachable, unready while Redis is down, ready again after', async () => {
      const ready = await harness.client().get('/health/ready');
      expect(ready.status).to.equal(200);
      expect(ready.json()).to.deep.include({ status: 'ok' });
      await redis.stop();
      const down = await harness.client().get('/health/ready');
      expect(down.status).to.equal(503);
      const report = down.json<{ status: string; checks: Record<string, { ok: boolean }> }>();
      expect(report.status).to.equal('unavailable');
      expect(report.checks['store']?.ok).to.equal(false);
      expect(report.checks['workers']?.ok).to.equal(true);
      expect((await harness.client().get('/health/live')).status).to.equal(200);
      await redis.restart();
      let again = 0;
      while (again !== 200) again = (await harness.client().get('/health/ready')).status;
    });

    it('reports dirigible_sessions_active as NaN while Redis is down, not the last count (Redis restarted empty meanwhile)', async () => {
      await harness.client().get('/services/js/login.js?user=ann');
      await harness.client().get('/services/js/login.js?user=bob');
      expect(sample((await harness.client().get('/metrics')).text, 'dirigible_sessions_active')).to.equal(2);
      await redis.stop();
      const down = await harness.client().get('/metrics');
      expect(down.status).to.equal(200);
      expect(sample(down.text, 'dirigible_sessions_active')).to.satisfy(Number.isNaN);
      await redis.restart();
      let again = 0;
      while (again !== 200) again = (await harness.client().get('/health/ready')).status;
      expect(sample((await harness.client().get('/metrics')).text, 'dirigible_sessions_active')).to.equal(0);
    });
  });
});
