/**
 * Lockout of Basic user names after failed logins, as Tomcat's LockOutRealm: `loginFailures` (5)
 * failures in a row lock a name for `loginLockoutSeconds` (300); while locked even the right
 * password is refused, without scrypt; unknown names count too, within a cache of 1000 names; a
 * successful login clears a name's failures. Time from an injected clock: no sleeps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { basicAuthenticate, type UsersFile } from '../../../main/server/basic-users.js';
import { parseCommandLine } from '../../../main/server/cli.js';
import { LOCKOUT_CACHE_SIZE, LoginLockout } from '../../../main/server/login-lockout.js';
import { createRuntime } from '../../../main/server/runtime.js';
import { addUser } from '../../../main/server/users-command.js';
import { type CapturedLogger, capturedLogger } from '../../support/captured-logger.js';
import { embeddingScriptsDir } from '../../support/express-app.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';
import { until } from '../../support/until.js';

/** A clock a spec moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number): void {
      now += ms;
    },
  };
}

function basic(name: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` };
}

describe('login lockout', () => {
  describe('LoginLockout (the realm: failureCount, lockOutTime, cacheSize)', () => {
    it('locks a name at its 5th failure in a row, for the lockout time, then starts it again from no failures', () => {
      const clock = manualClock();
      const lockout = new LoginLockout(5, 300_000, clock);
      for (let failure = 1; failure <= 4; failure++) lockout.failed('ann');
      expect(lockout.isLocked('ann')).to.equal(false);
      lockout.failed('ann');
      expect(lockout.isLocked('ann')).to.equal(true);
      clock.advance(299_999);
      expect(lockout.isLocked('ann')).to.equal(true);
      clock.advance(1);
      expect(lockout.isLocked('ann')).to.equal(false);
      // Its lock ran out: one more failure is the first of a new row, not a 6th that locks at once.
      lockout.failed('ann');
      expect(lockout.isLocked('ann')).to.equal(false);
    });

    it('a successful login forgets the failures: the row starts again', () => {
      const lockout = new LoginLockout(5, 300_000, manualClock());
      for (let failure = 1; failure <= 4; failure++) lockout.failed('ann');
      lockout.succeeded('ann');
      for (let failure = 1; failure <= 4; failure++) lockout.failed('ann');
      expect(lockout.isLocked('ann')).to.equal(false);
      expect(lockout.isLocked('bob')).to.equal(false);
    });

    it('remembers at most 1000 names, the least recently seen dropped first', () => {
      const lockout = new LoginLockout(1, 300_000, manualClock());
      lockout.failed('first');
      lockout.failed('second');
      for (let index = 0; index < LOCKOUT_CACHE_SIZE - 2; index++) lockout.failed(`name-${index}`);
      expect(lockout.size).to.equal(LOCKOUT_CACHE_SIZE);
      expect(lockout.isLocked('first')).to.equal(true); // seen again: now the most recent
      lockout.failed('one-too-many');
      expect(lockout.size).to.equal(LOCKOUT_CACHE_SIZE);
      expect(lockout.isLocked('first')).to.equal(true);
      expect(lockout.isLocked('second')).to.equal(false); // dropped
    });
  });

  describe('basicAuthenticate with a lockout', () => {
    it('refuses a locked name without verifying anything, the right password and remembered credentials too', async () => {
      const clock = manualClock();
      const users: UsersFile = { users: { ann: { password: 'scrypt$1$1$1$a$b', roles: [] } } };
      let verifications = 0;
      const authenticate = basicAuthenticate(
        { current: () => users },
        {
          verify: async (password) => {
            verifications++;
            return password === 'right';
          },
          lockout: new LoginLockout(3, 60_000, clock),
        },
      );
      const request = (name: string, password: string) => ({ headers: basic(name, password) }) as IncomingMessage;
      expect(await authenticate(request('ann', 'right'))).to.include({ user: 'ann' }); // now remembered
      for (let failure = 1; failure <= 3; failure++)
        expect(await authenticate(request('ann', 'wrong'))).to.equal(undefined);
      const before = verifications;
      expect(await authenticate(request('ann', 'right'))).to.equal(undefined);
      expect(await authenticate(request('ann', 'wrong'))).to.equal(undefined);
      expect(verifications).to.equal(before);
      clock.advance(60_000);
      expect(await authenticate(request('ann', 'right'))).to.include({ user: 'ann' });
    });

    it('refuses the right password of a name locked while it was being verified', async () => {
      const users: UsersFile = { users: { ann: { password: 'scrypt$1$1$1$a$b', roles: [] } } };
      let release = (): void => undefined;
      const authenticate = basicAuthenticate(
        { current: () => users },
        {
          verify: async (password) => {
            if (password !== 'right') return false;
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            return true;
          },
          lockout: new LoginLockout(2, 60_000, manualClock()),
        },
      );
      const request = (password: string) => ({ headers: basic('ann', password) }) as IncomingMessage;
      const pending = authenticate(request('right'));
      await authenticate(request('wrong'));
      await authenticate(request('wrong'));
      release();
      expect(await pending).to.equal(undefined);
    });

    it('counts names that are no user: they are locked as a user would be', async () => {
      const users: UsersFile = { users: {} };
      let verifications = 0;
      const authenticate = basicAuthenticate(
        { current: () => users },
        {
          verify: async () => {
            verifications++;
            return false;
          },
          lockout: new LoginLockout(2, 60_000, manualClock()),
        },
      );
      const request = { headers: basic('nobody', 'guess') } as IncomingMessage;
      for (let attempt = 1; attempt <= 4; attempt++) await authenticate(request);
      expect(verifications).to.equal(2);
    });
  });

  describe('through the runtime', () => {
    let dir: string;
    let file: string;
    let harness: Harness;
    let log: CapturedLogger;
    const clock = manualClock();

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'dirigible-lockout-'));
      file = path.join(dir, 'users.json');
      await addUser(file, 'alice', 'wonder land', ['admin']);
      log = capturedLogger();
      harness = await startRuntime({
        root: embeddingScriptsDir,
        usersFile: file,
        logger: log.logger,
        clock,
        loginFailures: 3,
        loginLockoutSeconds: 60,
      });
    });
    after(async () => {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function login(password: string) {
      const response = await harness.client().request('/services/js/who.js', { headers: basic('alice', password) });
      const id = response.headers.get('x-request-id') ?? '';
      await until(() => log.matching({ reqId: id, method: 'GET' }).length > 0);
      return { response, lines: log.matching({ reqId: id, component: 'users' }) };
    }

    it('answers a locked name 401 with the challenge, as a wrong password, and logs it as locked, until the lockout ends', async () => {
      for (let failure = 1; failure <= 3; failure++) expect((await login('wrong')).response.status).to.equal(401);
      // Before, nothing limited the attempts: the right password got in at once.
      const refused = await login('wonder land');
      expect(refused.response.status).to.equal(401);
      expect(refused.response.headers.get('www-authenticate')).to.match(/^Basic realm=/);
      expect(refused.response.json<{ code: string }>().code).to.equal('ERR_UNAUTHENTICATED');
      expect(refused.lines).to.have.length(1);
      expect(refused.lines[0]).to.include({ reason: 'locked', user: 'alice' });
      clock.advance(60_000);
      const served = await login('wonder land');
      expect(served.response.status).to.equal(200);
      expect(served.lines).to.deep.equal([]);
    });
  });

  describe('options', () => {
    it('are checked at start-up', () => {
      const root = embeddingScriptsDir;
      expect(() => createRuntime({ root, loginFailures: -1 })).to.throw(/loginFailures/);
      expect(() => createRuntime({ root, loginFailures: 1.5 })).to.throw(/loginFailures/);
      expect(() => createRuntime({ root, loginLockoutSeconds: 0 })).to.throw(/loginLockoutSeconds/);
    });

    it('come from --login-failures, --login-lockout-seconds and their DIRIGIBLE_SESSION_ variables', () => {
      const flags = parseCommandLine(['root', '--login-failures', '0', '--login-lockout-seconds', '30'], {});
      expect(flags.options).to.include({ loginFailures: 0, loginLockoutSeconds: 30 });
      const env = parseCommandLine(['root'], {
        DIRIGIBLE_SESSION_LOGIN_FAILURES: '10',
        DIRIGIBLE_SESSION_LOGIN_LOCKOUT_SECONDS: '900',
      });
      expect(env.options).to.include({ loginFailures: 10, loginLockoutSeconds: 900 });
    });
  });
});
