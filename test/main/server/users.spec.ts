/**
 * Users: the `authenticate` option (sync or async), HTTP Basic users from a file with scrypt
 * hashes (written by the `add-user` command), 401 with `WWW-Authenticate` where a user is required.
 */
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { OverloadedError } from '../../../common/errors.js';
import { parseCommandLine } from '../../../main/server/cli.js';
import { hashPassword, verifyPassword } from '../../../main/server/password-hash.js';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import type { RuntimeOptions } from '../../../main/server/options.js';
import { basicAuthenticate, type UsersFile } from '../../../main/server/basic-users.js';
import type { IncomingMessage } from 'node:http';
import { addUser, addUserCommand } from '../../../main/server/users-command.js';
import { fromPassport } from '../../../main/server/users.js';
import { CookieJarClient } from '../../support/cookie-jar-client.js';
import { embeddingScriptsDir } from '../../support/express-app.js';
import { packageDir } from '../../support/paths.js';

interface Who {
  user: string | null;
  admin: boolean;
  reader: boolean;
  authType: string | null;
}

async function withRuntime(options: Partial<RuntimeOptions>, use: (client: CookieJarClient) => Promise<void>) {
  const runtime: Runtime = createRuntime({
    root: embeddingScriptsDir,
    workers: 1,
    sweepInterval: 0,
    log: () => undefined,
    ...options,
  });
  try {
    const { url } = await runtime.listen(0, '127.0.0.1');
    await use(new CookieJarClient(url));
  } finally {
    await runtime.close();
  }
}

function basic(name: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` };
}

describe('users', () => {
  it('password hashes are scrypt, salted, and verify only the right password', async () => {
    const hash = await hashPassword('s3cret');
    expect(hash).to.match(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await hashPassword('s3cret')).to.not.equal(hash);
    expect(await verifyPassword('s3cret', hash)).to.equal(true);
    expect(await verifyPassword('s3cret!', hash)).to.equal(false);
  });

  it('reads a Passport-style req.user: a name, or an object with username/name/email/id and roles', () => {
    expect(fromPassport('ann')).to.deep.equal({ name: 'ann', roles: [], authType: null });
    expect(fromPassport({ id: 7, roles: ['admin', 3] })).to.deep.equal({ name: '7', roles: ['admin'], authType: null });
    expect(fromPassport({ roles: [] })).to.equal(undefined);
  });

  it('the authenticate option tells scripts the user, roles and auth type (sync)', async () => {
    await withRuntime(
      {
        authenticate: (request) =>
          request.headers['x-user']
            ? { user: String(request.headers['x-user']), roles: ['admin'], authType: 'FORM' }
            : undefined,
      },
      async (client) => {
        expect(
          (await client.request('/services/js/who.js', { headers: { 'x-user': 'ann' } })).json<Who>(),
        ).to.deep.equal({
          user: 'ann',
          admin: true,
          reader: false,
          authType: 'FORM',
        });
        expect((await client.get('/services/js/who.js')).json<Who>()).to.deep.equal({
          user: null,
          admin: false,
          reader: false,
          authType: null,
        });
      },
    );
  });

  it('an async authenticate works; one that throws fails the request with ERR_AUTH_FAILED', async () => {
    await withRuntime(
      {
        authenticate: async (request) => {
          if (request.headers['x-fail']) throw new Error('directory down');
          return { user: 'bob' };
        },
      },
      async (client) => {
        expect((await client.get('/services/js/who.js')).json<Who>().user).to.equal('bob');
        const failed = await client.request('/services/js/who.js', { headers: { 'x-fail': '1' } });
        expect(failed.status).to.equal(500);
        expect(failed.json<{ code: string; message: string }>()).to.include({
          code: 'ERR_AUTH_FAILED',
          message: 'authenticate failed: directory down',
        });
      },
    );
  });

  it('an authenticate refused for overload (too many logins waiting) answers 503 ERR_OVERLOADED with Retry-After', async () => {
    await withRuntime(
      {
        authenticate: async () => {
          throw new OverloadedError('too many logins are waiting for their password check');
        },
      },
      async (client) => {
        const refused = await client.get('/services/js/who.js');
        expect(refused.status).to.equal(503);
        expect(refused.headers.get('retry-after')).to.equal('1');
        expect(refused.json<{ code: string }>().code).to.equal('ERR_OVERLOADED');
      },
    );
  });

  describe('HTTP Basic users from a file', () => {
    let dir: string;
    let file: string;
    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'dirigible-users-'));
      file = path.join(dir, 'users.json');
      await addUserCommand(
        [file, 'alice', '--role', 'admin', '--role', 'reader'],
        Readable.from(['wonder land\n']),
        () => undefined,
      );
      await addUserCommand([file, 'bob'], Readable.from(['builder']), () => undefined);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('add-user writes scrypt hashes and roles, never the password, readable only by the owner', () => {
      const text = readFileSync(file, 'utf8');
      expect(text).to.not.include('wonder land');
      const users = JSON.parse(text).users;
      expect(users.alice.roles).to.deep.equal(['admin', 'reader']);
      expect(users.bob.password).to.match(/^scrypt\$/);
      expect(statSync(file).mode & 0o077).to.equal(0);
    });

    it('add-user keeps an existing file readable as it was: its mode, and its owner and group when run as root', async () => {
      const shared = path.join(dir, 'shared.json');
      await addUserCommand([shared, 'carol'], Readable.from(['first\n']), () => undefined);
      chmodSync(shared, 0o640); // readable by the server's group
      const root = process.getuid?.() === 0;
      if (root) chownSync(shared, 4321, 4322); // the server's user and group
      await addUserCommand([shared, 'dave'], Readable.from(['second\n']), () => undefined);
      const after = statSync(shared);
      // Before, it became 0600 and the caller's: a server reading it as another user lost every user.
      expect(after.mode & 0o777).to.equal(0o640);
      if (root) expect([after.uid, after.gid]).to.deep.equal([4321, 4322]);
      expect(Object.keys(JSON.parse(readFileSync(shared, 'utf8')).users)).to.deep.equal(['carol', 'dave']);
    });

    it('add-user run several times at once keeps every user: none is lost to another run that read the file before', async () => {
      const crowded = path.join(dir, 'crowded.json');
      const names = ['u1', 'u2', 'u3', 'u4'];
      await Promise.all(names.map((name) => addUser(crowded, name, `${name} password`, [])));
      // Before, each read the file, then hashed (some 50 ms), then replaced it: the last one won.
      expect(Object.keys(JSON.parse(readFileSync(crowded, 'utf8')).users).sort()).to.deep.equal(names);
    });

    it('add-user through a symlink writes the file it names and keeps the link', async () => {
      mkdirSync(path.join(dir, 'etc'));
      const real = path.join(dir, 'etc', 'real.json');
      await addUserCommand([real, 'erin'], Readable.from(['first\n']), () => undefined);
      chmodSync(real, 0o640);
      const link = path.join(dir, 'link.json');
      symlinkSync(path.join('etc', 'real.json'), link);
      await addUserCommand([link, 'frank'], Readable.from(['second\n']), () => undefined);
      // Before, the link was replaced by a file of its own and the server reading etc/real.json lacked frank.
      expect(lstatSync(link).isSymbolicLink()).to.equal(true);
      expect(Object.keys(JSON.parse(readFileSync(real, 'utf8')).users)).to.deep.equal(['erin', 'frank']);
      expect(statSync(real).mode & 0o777).to.equal(0o640);
    });

    it('answers 401 with WWW-Authenticate without credentials or with wrong ones, and serves the user with them', async () => {
      await withRuntime({ usersFile: file, applicationName: 'shop' }, async (client) => {
        const anonymous = await client.get('/services/js/who.js');
        expect(anonymous.status).to.equal(401);
        expect(anonymous.headers.get('www-authenticate')).to.equal('Basic realm="shop", charset="UTF-8"');
        expect(anonymous.json<{ code: string }>().code).to.equal('ERR_UNAUTHENTICATED');
        expect((await client.request('/services/js/who.js', { headers: basic('alice', 'wrong') })).status).to.equal(
          401,
        );
        const alice = await client.request('/services/js/who.js', { headers: basic('alice', 'wonder land') });
        expect(alice.json<Who>()).to.deep.equal({ user: 'alice', admin: true, reader: true, authType: 'BASIC' });
        const bob = await client.request('/services/js/who.js', { headers: basic('bob', 'builder') });
        expect(bob.json<Who>()).to.deep.equal({ user: 'bob', admin: false, reader: false, authType: 'BASIC' });
      });
    });

    it('reads the file again when it changes: a user added, a password changed, a user removed count at once; a broken file fails requests until fixed', async () => {
      const live = path.join(dir, 'live.json');
      const add = (name: string, password: string) =>
        addUserCommand([live, name], Readable.from([`${password}\n`]), () => undefined);
      await add('dan', 'first');
      const logged: string[] = [];
      await withRuntime({ usersFile: live, log: (line) => logged.push(line) }, async (client) => {
        const status = async (name: string, password: string) =>
          (await client.request('/services/js/who.js', { headers: basic(name, password) })).status;
        expect(await status('dan', 'first')).to.equal(200);
        expect(await status('erin', 'new')).to.equal(401);
        await add('erin', 'new');
        expect(await status('erin', 'new')).to.equal(200);
        await add('dan', 'second');
        expect(await status('dan', 'first')).to.equal(401); // remembered as verified before: forgotten
        expect(await status('dan', 'second')).to.equal(200);
        // A hand edit that broke the file: the parser quotes the text around the fault (a hash here).
        const text = readFileSync(live, 'utf8');
        writeFileSync(live, text.replace('"password": "', '"password": '));
        const broken = await client.request('/services/js/who.js', { headers: basic('dan', 'second') });
        expect(broken.status).to.equal(500);
        expect(broken.json<{ code: string; message: string }>().code).to.equal('ERR_AUTH_FAILED');
        // The client is told the users file is broken, never its text, path or users; the log says why.
        const told = broken.json<{ message: string }>().message;
        expect(told).to.equal('authenticate failed: the users file does not read or check (the server log says why)');
        expect(logged.join('\n')).to.include('option "usersFile" is not JSON').and.include('scrypt');
        writeFileSync(live, '{ "users": { "dan": { "roles": [] } } }');
        const unchecked = await client.request('/services/js/who.js', { headers: basic('dan', 'second') });
        expect(unchecked.json<{ message: string }>().message).to.equal(told).and.not.include('dan');
        const onlyErin: UsersFile = { users: { erin: { password: await hashPassword('new'), roles: [] } } };
        writeFileSync(live, JSON.stringify(onlyErin)); // dan removed by hand
        expect(await status('dan', 'second')).to.equal(401);
        expect(await status('erin', 'new')).to.equal(200);
      });
    });

    it('a missing script where a user is required answers 401 to an anonymous client, as an existing one does: a 404 would tell which scripts exist', async () => {
      await withRuntime({ usersFile: file, requireUser: ['who', 'admin/'] }, async (client) => {
        for (const missing of [
          '/services/js/admin/nothing.js',
          '/services/js/who-else.js',
          '/services/ts/admin/x.ts',
        ]) {
          const anonymous = await client.get(missing);
          expect(anonymous.status, missing).to.equal(401);
          expect(anonymous.headers.get('www-authenticate')).to.equal('Basic realm="scripts", charset="UTF-8"');
          expect(anonymous.json<{ code: string }>().code).to.equal('ERR_UNAUTHENTICATED');
          expect((await client.request(missing, { headers: basic('alice', 'wrong') })).status, missing).to.equal(401);
          expect((await client.request(missing, { headers: basic('bob', 'builder') })).status, missing).to.equal(404);
        }
        expect((await client.get('/services/js/nothing.js')).status).to.equal(404); // under no prefix
      });
    });

    it('requireUser limits the 401 to the paths it names', async () => {
      await withRuntime({ usersFile: file, requireUser: ['who'] }, async (client) => {
        expect((await client.get('/services/js/who.js')).status).to.equal(401);
        expect((await client.get('/services/js/echo-body.js')).status).to.equal(200);
      });
    });

    it('the CLI takes --users-file, --require-user and --body-timeout', () => {
      const { options } = parseCommandLine([
        'root',
        '--users-file',
        file,
        '--require-user',
        'admin/',
        '--require-user',
        'x.js',
        '--body-timeout',
        '5000',
      ]);
      expect(options).to.include({ usersFile: file, bodyTimeout: 5000 });
      expect(options.requireUser).to.deep.equal(['admin/', 'x.js']);
    });

    it('the CLI runs add-user, the password read from standard input', () => {
      const result = spawnSync(
        process.execPath,
        ['--no-node-snapshot', `${packageDir}bin/dirigible-session.js`, 'add-user', file, 'carol', '--role', 'auditor'],
        { input: 'pass word\n', encoding: 'utf8' },
      );
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.include('added user carol');
      expect(JSON.parse(readFileSync(file, 'utf8')).users.carol.roles).to.deep.equal(['auditor']);
    });

    it('a users file with a plain-text password is refused at start-up', () => {
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ users: { eve: { password: 'plain', roles: [] } } }));
      expect(() => createRuntime({ root: embeddingScriptsDir, usersFile: bad })).to.throw(
        /option "usersFile" user "eve": password must be a scrypt hash/,
      );
    });
  });

  it('Basic credentials of a name that is no user cost a verification too: the time of the answer does not tell which names are users', async () => {
    const users: UsersFile = { users: { ann: { password: await hashPassword('right'), roles: [] } } };
    const hashes: string[] = [];
    const authenticate = basicAuthenticate(
      { current: () => users },
      {
        verify: async (_password, hash) => {
          hashes.push(hash);
          return true; // even a verification that says yes lets no name that is no user's in
        },
      },
    );
    const request = (name: string, password: string) => ({ headers: basic(name, password) }) as IncomingMessage;
    expect(await authenticate(request('nobody', 'guess'))).to.equal(undefined);
    // Before, an unknown name was answered at once (~1 ms), a known one after its scrypt (~50 ms).
    expect(hashes).to.have.length(1);
    expect(hashes[0])
      .to.match(/^scrypt\$16384\$8\$1\$/)
      .and.not.equal(users.users['ann']?.password);
    expect(await authenticate(request('ann', 'guess'))).to.include({ user: 'ann' });
    expect(hashes).to.have.length(2);
  });

  it('Basic credentials that are not UTF-8 are no credentials: a byte that is no UTF-8 does not match a password holding U+FFFD', async () => {
    const users: UsersFile = { users: { ann: { password: await hashPassword('\uFFFD'), roles: [] } } };
    const authenticate = basicAuthenticate({ current: () => users });
    const sent = (bytes: Buffer) =>
      ({ headers: { authorization: `Basic ${bytes.toString('base64')}` } }) as IncomingMessage;
    expect(await authenticate(sent(Buffer.from('ann:\uFFFD')))).to.include({ user: 'ann' });
    // Before, 0xff (and any byte that is no UTF-8) was read as U+FFFD, and let the client in.
    expect(await authenticate(sent(Buffer.concat([Buffer.from('ann:'), Buffer.from([0xff])])))).to.equal(undefined);
  });
});
