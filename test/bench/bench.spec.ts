/**
 * The benchmark's parts that can be wrong without being slow: the express peer answers what the
 * Basic Usage script answers and keeps its session, the probe rejects a server that does not keep
 * sessions, a server process starts and stops, settings and the table. No timing is asserted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { basicUsageBody, basicUsagePath } from '../../bench/basic-usage.js';
import { formatTable, ratioToBaseline } from '../../bench/report.js';
import type { Row } from '../../bench/row.js';
import { startServerProcess } from '../../bench/server-process.js';
import { obtainSessionCookie } from '../../bench/session-probe.js';
import { readSettings } from '../../bench/settings.js';
import { createExpressApp } from '../../bench/targets/express-app.js';
import { CookieJarClient } from '../support/cookie-jar-client.js';

async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('benchmark', () => {
  describe('express-session peer', () => {
    let server: Awaited<ReturnType<typeof listen>>;
    before(async () => {
      server = await listen(createExpressApp());
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

  describe('session probe', () => {
    it('rejects a server that gives a returning client a new session', async () => {
      let count = 0;
      const server = await listen((_request, response) => {
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
      } finally {
        await server.stop();
      }
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
      });
      expect(settings.workers).to.be.at.least(1);
    });

    it('names the variable of a bad value', () => {
      expect(() => readSettings({ BENCH_CONNECTIONS: '0' })).to.throw(/BENCH_CONNECTIONS must be a whole number >= 1/);
      expect(() => readSettings({ BENCH_ISOLATION: 'thread' })).to.throw(
        /BENCH_ISOLATION must be one of script, request/,
      );
    });
  });

  describe('report', () => {
    const row = (group: string, target: string, baseline: boolean, requestsPerSecond: number): Row => ({
      group,
      target,
      baseline,
      requestsPerSecond,
      latencyP99: 12.34,
      requests: 1,
      failures: 0,
    });
    const rows = [
      row('memory, returning', 'runtime', false, 8000),
      row('memory, returning', 'peer', true, 2000),
      row('Redis, returning', 'runtime', false, 500),
    ];

    it('divides by the baseline of the same group, and has no ratio without one', () => {
      expect(ratioToBaseline(rows[0] as Row, rows)).to.equal(4);
      expect(ratioToBaseline(rows[2] as Row, rows)).to.equal(undefined);
    });

    it('prints one line per row with req/s, p99 and ratio', () => {
      const lines = formatTable(rows).split('\n');
      expect(lines).to.have.length(5);
      expect(lines[2]).to.match(/memory, returning\s+runtime\s+8,000\s+12\.3\s+4\.00x\s+0$/);
      expect(lines[3]).to.match(/peer \(baseline\)\s+2,000\s+12\.3\s+1\.00x/);
      expect(lines[4]).to.match(/Redis, returning\s+runtime\s+500\s+12\.3\s+-\s+0$/);
    });
  });
});
