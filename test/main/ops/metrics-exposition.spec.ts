/**
 * The metrics as an operator's Prometheus reads them: after exactly N requests of known kinds to a
 * real runtime, the exposition is strictly valid text format 0.0.4 (test/support/prometheus-text.ts)
 * and every request, failure and gauge says exactly what happened; clients cannot add series.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixturesDir } from '../../support/paths.js';
import { RedisServer } from '../../support/redis-server.js';
import { type Family, parseExposition, samplesOf, sampleValue } from '../../support/prometheus-text.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

const requests = 'dirigible_http_requests_total';
const durations = 'dirigible_http_request_duration_seconds_count';

describe('the strict exposition reader', () => {
  const valid = '# HELP a_total A.\n# TYPE a_total counter\na_total{x="q\\"\\\\\\n"} 1\n';

  it('reads valid text, unescaping label values', () => {
    expect(sampleValue(parseExposition(valid), 'a_total', { x: 'q"\\\n' })).to.equal(1);
  });

  it('refuses what Prometheus text must not hold', () => {
    const refused = [
      `${valid}a_total{x="q\\"\\\\\\n"} 2\n`, // the same series twice
      valid.replace('\\n"', '\\t"'), // a bad escape
      valid.replace('# TYPE a_total counter\n', ''), // no TYPE
      valid.replace(/a_total/g, 'a'), // a counter not named _total
      `${valid}# HELP a_total again\n`, // HELP after samples
      '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="0.5"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n',
      '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
      '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n',
      '# HELP h H.\n# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n',
    ];
    for (const text of refused) expect(() => parseExposition(text), text).to.throw();
  });
});

describe('metrics exposition, counted exactly', () => {
  let root: string;
  let harness: Harness;
  let now = 1_000_000;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dirigible-metrics-'));
    cpSync(`${fixturesDir}ops`, root, { recursive: true });
    // A file name with characters a label value must escape.
    writeFileSync(path.join(root, 'q"uote\nd.js'), "require('http/v4/response').print('odd');");
    symlinkSync('.', path.join(root, 'self'));
    harness = await startRuntime({
      root,
      metricsPath: '/metrics',
      livenessPath: '/health/live',
      readinessPath: '/health/ready',
      clock: { now: () => now },
      timeout: 300,
      maxBodySize: 16,
      maxQueue: 0,
      pipelineDepth: 1,
    });
  });
  after(async () => {
    await harness?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function scrape(): Promise<Map<string, Family>> {
    const response = await harness.client().get('/metrics');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/plain; version=0.0.4; charset=utf-8');
    return parseExposition(response.text);
  }

  /** Every counter and histogram count of the requests, by labels. */
  function requestCounts(families: Map<string, Family>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const sample of [...samplesOf(families, requests), ...samplesOf(families, durations)])
      counts[`${sample.name}${JSON.stringify(sample.labels)}`] = sample.value;
    return counts;
  }

  it('is strictly valid text format, with escaped label values', async () => {
    await harness.client().get(`/services/js/${encodeURIComponent('q"uote\nd.js')}`);
    const families = await scrape();
    expect(sampleValue(families, requests, { status_class: '2xx', script: 'q"uote\nd.js' })).to.equal(1);
  });

  it('counts exactly N requests of each kind, and no probe or scrape', async () => {
    const before = await scrape();
    const client = harness.client();
    for (let index = 0; index < 3; index++) expect((await client.get('/services/js/ok.js')).status).to.equal(200);
    for (let index = 0; index < 2; index++) expect((await client.get('/services/js/none.js')).status).to.equal(404);
    expect((await client.get('/services/js/fails.js')).status).to.equal(500);
    expect((await client.get('/services/js/coded-by-request.js')).status).to.equal(500);
    const big = await client.request('/services/js/ok.js', { method: 'POST', body: 'x'.repeat(64) });
    expect(big.status).to.equal(413);
    expect((await client.get('/health/live')).status).to.equal(200);
    expect((await client.get('/health/ready')).status).to.equal(200);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta(requests, { status_class: '2xx', script: 'ok.js' })).to.equal(3);
    expect(delta(requests, { status_class: '4xx', script: '(none)' })).to.equal(3);
    expect(delta(requests, { status_class: '5xx', script: 'fails.js' })).to.equal(1);
    expect(delta(requests, { status_class: '5xx', script: 'coded-by-request.js' })).to.equal(1);
    expect(delta(durations, { status_class: '2xx' })).to.equal(3);
    expect(delta(durations, { status_class: '4xx' })).to.equal(3);
    expect(delta(durations, { status_class: '5xx' })).to.equal(2);
    expect(delta('dirigible_script_failures_total', { code: 'ERR_ON_PURPOSE' })).to.equal(1);
    expect(delta('dirigible_script_failures_total', { code: 'ERR_SCRIPT' })).to.equal(1);
    const total = (families: Map<string, Family>) => samplesOf(families, requests).reduce((sum, s) => sum + s.value, 0);
    expect(total(after) - total(before)).to.equal(8);
  });

  it('counts a run refused for a full queue as a 5xx of its script and an ERR_OVERLOADED failure', async () => {
    const before = await scrape();
    const client = harness.client();
    const spinning = client.get('/services/js/spin.js');
    await until(() => harness.runtime.stats().busy === 1);
    const refused = await client.get('/services/js/ok.js');
    expect(refused.status).to.equal(503);
    expect((await spinning).status).to.equal(500);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta(requests, { status_class: '5xx', script: 'ok.js' })).to.equal(1);
    expect(delta(requests, { status_class: '5xx', script: 'spin.js' })).to.equal(1);
    expect(delta('dirigible_script_failures_total', { code: 'ERR_OVERLOADED' })).to.equal(1);
    expect(delta('dirigible_script_failures_total', { code: 'ERR_SCRIPT_TIMEOUT' })).to.equal(1);
    expect(sampleValue(after, 'dirigible_run_queue_depth')).to.equal(0);
  });

  it('lets no client add series: odd statuses, methods, paths and names of scripts that are not there', async () => {
    const before = requestCounts(await scrape());
    const client = harness.client();
    for (const status of [599, 299, 999]) await client.get(`/services/js/status.js?status=${status}`);
    for (let index = 0; index < 20; index++) {
      await client.get(`/services/js/missing-${index}.js`);
      await client.request(`/services/js/ok.js/${index}`, { method: 'PURGE' });
      await client.get(`/services/js/${'self/'.repeat(index)}ok.js`);
    }
    const after = requestCounts(await scrape());
    const added = Object.keys(after).filter((key) => !(key in before));
    expect(added.length, added.join('\n')).to.be.at.most(8);
  });

  it('answers HEAD at the metrics and probe paths with the head alone, and any other method with 405', async () => {
    const url = new URL(harness.url);
    const head = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/metrics', method: 'HEAD' }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(head).to.deep.equal({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', body: '' });
    for (const probe of ['/metrics', '/health/live', '/health/ready'])
      for (const method of ['POST', 'DELETE', 'PUT']) {
        const refused = await harness.client().request(probe, { method, body: 'x' });
        expect(refused.status, `${method} ${probe}`).to.equal(405);
        expect(refused.headers.get('allow')).to.equal('GET, HEAD');
        expect(refused.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      }
  });

  it('counts sessions created, invalidated and expired, and active ones', async () => {
    const before = await scrape();
    const alice = harness.client();
    const bob = harness.client();
    await alice.get('/services/js/login.js?user=alice');
    await bob.get('/services/js/login.js?user=bob');
    await alice.get('/services/js/login.js?logout=1');
    now += 1801 * 1000;
    // Bob comes back past his timeout: his session expires at lookup and a new one starts.
    await bob.get('/services/js/login.js?user=bob');
    const after = await scrape();
    const delta = (name: string) => (sampleValue(after, name) ?? 0) - (sampleValue(before, name) ?? 0);
    expect(delta('dirigible_sessions_created_total')).to.equal(3);
    expect(delta('dirigible_sessions_invalidated_total')).to.equal(1);
    expect(delta('dirigible_sessions_expired_total')).to.equal(1);
    expect(sampleValue(after, 'dirigible_sessions_active')).to.equal(1);
  });

  it('agrees with runtime.stats() on workers, restarts and the queue', async () => {
    const [pid] = harness.runtime.stats().pids;
    process.kill(pid as number, 'SIGKILL');
    await until(() => harness.runtime.stats().ready === 1 && harness.runtime.stats().restarts >= 1);
    const families = await scrape();
    const stats = harness.runtime.stats();
    expect(sampleValue(families, 'dirigible_workers_ready')).to.equal(stats.ready);
    expect(sampleValue(families, 'dirigible_run_queue_depth')).to.equal(stats.queued);
    expect(sampleValue(families, 'dirigible_worker_restarts')).to.equal(stats.restarts);
  });
});

describe('metrics exposition on a real Redis', () => {
  let redis: RedisServer;
  let harness: Harness;
  let now = 1_000_000;

  before(async () => {
    redis = await RedisServer.start();
    harness = await startRuntime({
      root: `${fixturesDir}ops`,
      redisUrl: redis.url,
      metricsPath: '/metrics',
      clock: { now: () => now },
      principalAttribute: 'user',
    });
  });
  after(async () => {
    await harness?.close();
    await redis?.dispose();
  });

  it('counts sessions created, invalidated (by the script and by an operator) and expired, and active ones by SCAN', async () => {
    const scrape = async () => parseExposition((await harness.client().get('/metrics')).text);
    const clients = [0, 1, 2, 3].map(() => harness.client());
    for (const [index, client] of clients.entries()) await client.get(`/services/js/login.js?user=u${index}`);
    expect(sampleValue(await scrape(), 'dirigible_sessions_active')).to.equal(4);
    await clients[0]?.get('/services/js/login.js?logout=1');
    expect(await harness.runtime.sessions.admin.invalidatePrincipal('u1')).to.equal(1);
    now += 1801 * 1000;
    expect(await harness.runtime.sessions.sweep()).to.equal(2);
    const families = await scrape();
    expect(sampleValue(families, 'dirigible_sessions_created_total')).to.equal(4);
    expect(sampleValue(families, 'dirigible_sessions_invalidated_total')).to.equal(2);
    expect(sampleValue(families, 'dirigible_sessions_expired_total')).to.equal(2);
    expect(sampleValue(families, 'dirigible_sessions_active')).to.equal(0);
  });
});
