/**
 * The benchmark's parts that can be wrong without being slow: the express peer answers what the
 * Basic Usage script answers and keeps its session, the probe rejects a server that does not keep
 * sessions, a server process starts and stops, the context floor is measured, settings and the table.
 * No timing is asserted.
 */
import { expect } from 'chai';
import { basicUsageBody, basicUsagePath } from '../../bench/basic-usage.js';
import { measureContextFloor } from '../../bench/context-floor.js';
import { cpuPerRequest } from '../../bench/meters/cpu.js';
import { parseCommandStats, redisPerRequest } from '../../bench/meters/redis-commandstats.js';
import { formatTable, jsonRows, ratioToBaseline, ratioToLimit } from '../../bench/report.js';
import type { Row } from '../../bench/row.js';
import { startServerProcess } from '../../bench/server-process.js';
import { obtainSessionCookie } from '../../bench/session-probe.js';
import { readSettings } from '../../bench/settings.js';
import { createExpressApp } from '../../bench/targets/express-app.js';
import { createLimitHandler } from '../../bench/targets/limit-app.js';
import { type LoopbackServer, listenOnLoopback } from '../../bench/servers/loopback.js';
import { CookieJarClient } from '../support/cookie-jar-client.js';

describe('benchmark', () => {
  describe('express-session peer', () => {
    let server: LoopbackServer;
    before(async () => {
      server = await listenOnLoopback(createExpressApp());
    });
    after(() => server.close());

    it('answers the Basic Usage output with a session cookie, and keeps the session for a returning client', async () => {
      const client = new CookieJarClient(server.url);
      const first = await client.get(basicUsagePath);
      expect(first.status).to.equal(200);
      expect(first.text).to.equal(basicUsageBody);
      expect(first.setCookies).to.have.length(1);
      expect(first.setCookies[0]).to.include('HttpOnly').and.include('SameSite=Lax');
      const second = await client.get(basicUsagePath);
      expect(second.text).to.equal(basicUsageBody);
      expect(second.setCookies).to.deep.equal([]);
    });

    it('passes the session probe, which returns the cookie as name=value', async () => {
      expect(await obtainSessionCookie(server.url + basicUsagePath, basicUsageBody)).to.match(
        /^connect\.sid=s%3A[^;]+$/,
      );
    });
  });

  describe('the limit (bare http + a Map)', () => {
    let server: LoopbackServer;
    before(async () => {
      server = await listenOnLoopback(createLimitHandler());
    });
    after(() => server.close());

    it("answers Basic Usage with the runtime's cookie and keeps the session for a returning client", async () => {
      const client = new CookieJarClient(server.url);
      const first = await client.get(basicUsagePath);
      expect(first.text).to.equal(basicUsageBody);
      expect(first.setCookies).to.have.length(1);
      expect(first.setCookies[0]).to.match(/^JSESSIONID=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Lax$/);
      const second = await client.get(basicUsagePath);
      expect(second.text).to.equal(basicUsageBody);
      expect(second.setCookies).to.deep.equal([]);
    });

    it('gives an unknown id a new session', async () => {
      const response = await fetch(server.url + basicUsagePath, { headers: { cookie: 'JSESSIONID=forged' } });
      expect(response.headers.getSetCookie()).to.have.length(1);
      expect(await response.text()).to.equal(basicUsageBody);
    });
  });

  describe('session probe', () => {
    it('rejects a server that gives a returning client a new session', async () => {
      let count = 0;
      const server = await listenOnLoopback((_request, response) => {
        response.setHeader('Set-Cookie', `id=${++count}`);
        response.end(basicUsageBody);
      });
      try {
        const failure = await obtainSessionCookie(server.url + basicUsagePath, basicUsageBody).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).to.be.instanceOf(Error);
        expect((failure as Error).message).to.match(/returning visit got a new cookie/);
      } finally {
        await server.close();
      }
    });
  });

  describe('server process', () => {
    it('starts the express peer in a child process, serves, and stops', async () => {
      const server = await startServerProcess(new URL('../../bench/servers/express-server.js', import.meta.url), {});
      try {
        expect(await obtainSessionCookie(server.url + basicUsagePath, basicUsageBody)).to.match(/^connect\.sid=/);
        const usage = await server.cpuUsage();
        expect(usage.main).to.be.greaterThan(0);
        expect(usage.workers).to.equal(undefined);
      } finally {
        await server.stop();
      }
    });

    it("reports the runtime's CPU time: its main process and its workers, which grows with the requests they run", async function () {
      this.timeout(60_000);
      const server = await startServerProcess(new URL('../../bench/servers/runtime-server.js', import.meta.url), {
        workers: 1,
        isolation: 'script',
      });
      try {
        await obtainSessionCookie(server.url + basicUsagePath, basicUsageBody);
        const before = await server.cpuUsage();
        expect(before.workers).to.be.greaterThan(0);
        // A worker reports its CPU time with a result at most every 50 ms: run requests until a report comes.
        let after = before;
        for (let i = 0; i < 5000 && after.workers === before.workers; i++) {
          await fetch(server.url + basicUsagePath).then((response) => response.text());
          after = await server.cpuUsage();
        }
        expect(after.workers).to.be.greaterThan(before.workers ?? 0);
        expect(after.main).to.be.greaterThan(before.main);
      } finally {
        await server.stop();
      }
    });
  });

  describe('context floor', () => {
    it("makes and drops bare contexts in a child process with the workers' flags, and reports the CPU one took", async function () {
      this.timeout(60_000);
      const micros = await measureContextFloor(20);
      expect(micros).to.be.a('number').and.to.be.greaterThan(0);
      expect(Number.isFinite(micros)).to.equal(true);
    });
  });

  describe('meters', () => {
    it('divides CPU time between two readings by the requests, workers apart and added up', () => {
      expect(cpuPerRequest({ main: 1000, workers: 500 }, { main: 3000, workers: 1500 }, 100)).to.deep.equal({
        main: 20,
        workers: 10,
        total: 30,
      });
      expect(cpuPerRequest({ main: 0, workers: undefined }, { main: 500, workers: undefined }, 10)).to.deep.equal({
        main: 50,
        workers: undefined,
        total: 50,
      });
    });

    it("reads Redis's CPU time from INFO cpu and adds up INFO commandstats, leaving out the reading connection's own commands", () => {
      const info = [
        '# CPU',
        'used_cpu_sys:0.000400',
        'used_cpu_user:0.000270',
        'used_cpu_sys_children:5.000000',
        '# Commandstats',
        'cmdstat_hgetall:calls=10,usec=90,usec_per_call=9.00,rejected_calls=0,failed_calls=0',
        'cmdstat_evalsha:calls=10,usec=580,usec_per_call=58.00,rejected_calls=0,failed_calls=0',
        'cmdstat_info:calls=3,usec=300,usec_per_call=100.00,rejected_calls=0,failed_calls=0',
        'cmdstat_client|setinfo:calls=2,usec=4,usec_per_call=2.00,rejected_calls=0,failed_calls=0',
        'cmdstat_hello:calls=1,usec=5,usec_per_call=5.00,rejected_calls=0,failed_calls=0',
      ].join('\r\n');
      const totals = parseCommandStats(info);
      expect(totals).to.deep.equal({ calls: 20, micros: 670 });
      expect(redisPerRequest({ calls: 0, micros: 0 }, totals, 10)).to.deep.equal({ micros: 67, commands: 2 });
    });
  });

  describe('settings', () => {
    it('has defaults and reads BENCH_* variables', () => {
      const settings = readSettings({
        BENCH_SECONDS: '3',
        BENCH_NEW_SESSIONS: '0',
        BENCH_ISOLATION: 'request',
        BENCH_SESSION_LOCK: '1',
      });
      expect(settings).to.include({
        sessionLock: true,
        seconds: 3,
        warmupSeconds: 2,
        connections: 32,
        isolation: 'request',
        newSessions: false,
        json: false,
      });
      expect(settings.workers).to.be.at.least(1);
    });

    it('prints JSON with --json or BENCH_JSON=1', () => {
      expect(readSettings({}, ['--json']).json).to.equal(true);
      expect(readSettings({ BENCH_JSON: '1' }, []).json).to.equal(true);
      expect(readSettings({}, []).json).to.equal(false);
    });

    it('names the variable of a bad value', () => {
      expect(() => readSettings({ BENCH_CONNECTIONS: '0' })).to.throw(/BENCH_CONNECTIONS must be a whole number >= 1/);
      expect(() => readSettings({ BENCH_ISOLATION: 'thread' })).to.throw(
        /BENCH_ISOLATION must be one of script, request/,
      );
    });
  });

  describe('report', () => {
    const row = (
      store: string,
      target: string,
      role: 'baseline' | 'limit' | 'other',
      requestsPerSecond: number,
      workers?: number,
    ): Row => ({
      group: `${store}, returning`,
      scenario: 'returning',
      target,
      baseline: role === 'baseline',
      limit: role === 'limit',
      requestsPerSecond,
      latencyP99: 12.34,
      requests: 1,
      failures: 0,
      cpu: { main: 30, workers, total: 30 + (workers ?? 0) },
      redis: store === 'Redis' ? { micros: 14.2, commands: 2 } : undefined,
    });
    const rows = [
      row('memory', 'runtime', 'other', 8000, 25),
      row('memory', 'peer', 'baseline', 2000),
      row('memory', 'limit', 'limit', 16000),
      row('Redis', 'runtime', 'other', 500, 25),
    ];

    it('divides by the baseline of the same group and by the limit of the same scenario', () => {
      expect(ratioToBaseline(rows[0] as Row, rows)).to.equal(4);
      expect(ratioToBaseline(rows[3] as Row, rows)).to.equal(undefined);
      expect(ratioToLimit(rows[0] as Row, rows)).to.equal(0.5);
      expect(ratioToLimit(rows[3] as Row, rows)).to.equal(0.03125);
    });

    it('prints one line per row with req/s, p99, ratios, CPU per process and Redis cost', () => {
      const lines = formatTable(rows).split('\n');
      expect(lines).to.have.length(6);
      expect(lines[0]).to.match(
        /req\/s\s+p99 ms\s+ratio\s+of limit\s+CPU µs\/req: main\s+workers\s+total\s+Redis CPU µs\/req/,
      );
      expect(lines[2]).to.match(
        /memory, returning\s+runtime\s+8,000\s+12\.3\s+4\.00x\s+0\.50x\s+30\s+25\s+55\s+-\s+-\s+0$/,
      );
      expect(lines[3]).to.match(/peer \(baseline\)\s+2,000\s+12\.3\s+1\.00x\s+0\.13x\s+30\s+-\s+30\s+-/);
      expect(lines[5]).to.match(
        /Redis, returning\s+runtime\s+500\s+12\.3\s+-\s+0\.03x\s+30\s+25\s+55\s+14\s+2\.00\s+0$/,
      );
    });

    it('prints the JSON form with the fields a script reads', () => {
      const [first, , , redis] = jsonRows(rows);
      expect(first).to.deep.equal({
        scenario: 'memory, returning',
        target: 'runtime',
        reqPerSec: 8000,
        p99Ms: 12.34,
        ratio: 4,
        ratioToLimit: 0.5,
        cpuMicrosPerRequest: 55,
        cpuMainMicrosPerRequest: 30,
        cpuWorkersMicrosPerRequest: 25,
        redisMicrosPerRequest: null,
        redisCommandsPerRequest: null,
        failures: 0,
      });
      expect(redis).to.include({ redisMicrosPerRequest: 14.2, redisCommandsPerRequest: 2 });
    });
  });
});
