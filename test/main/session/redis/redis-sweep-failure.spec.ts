/**
 * The sweep while Redis is away, on a real redis-server that is stopped and started again: the
 * first failed sweep is logged (expired sessions stay meanwhile), the failures after it are not,
 * and the first sweep that works again says so.
 */
import { expect } from 'chai';
import { SessionManager } from '../../../../main/session/manager.js';
import { RedisStore } from '../../../../main/session/redis/redis-store.js';
import { RedisServer } from '../../../support/redis-server.js';

describe('the session sweep when Redis goes away', function () {
  this.timeout(30_000);

  it('logs the first failed sweep once, and the sweep that works again', async () => {
    const server = await RedisServer.start();
    const lines: Array<[line: string, level: string | undefined]> = [];
    let changed = (): void => undefined;
    const logged = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        changed = () => {
          if (lines.some(([line]) => pattern.test(line))) resolve();
        };
        changed();
      });
    const store = new RedisStore({ url: server.url, commandTimeout: 500 });
    const manager = new SessionManager({
      store,
      sweepInterval: 20,
      log: (line, level) => {
        lines.push([line, level]);
        changed();
      },
    });
    try {
      await manager.sweep();
      await server.stop();
      await logged(/session sweep failed/);
      await server.restart();
      await logged(/session sweep works again/);
      const failed = lines.filter(([line]) => /session sweep failed/.test(line));
      expect(failed, JSON.stringify(lines)).to.have.length(1);
      expect(failed[0]?.[0]).to.match(/^the session sweep failed \(expired sessions stay until it works again\): /);
      expect(lines.find(([line]) => /session sweep works again/.test(line))?.[1]).to.equal('info');
    } finally {
      await manager.close();
      await server.dispose();
    }
  });
});
