/**
 * The users file as `serve --users-file` watches it (basic-users.ts `watchedUsersFile`): read again
 * when it changes, and a file that does not read or check is read once per change, not on every
 * request that carries credentials.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { watchedUsersFile } from '../../../main/server/basic-users.js';
import { hashPassword } from '../../../main/server/password-hash.js';
import { MAX_USERS_FILE_BYTES } from '../../../main/server/users-file-text.js';

describe('watchedUsersFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'watched-users-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a broken file fails with the same error until it changes again, then its users count', async () => {
    const file = path.join(dir, 'users.json');
    const password = await hashPassword('secret');
    writeFileSync(file, JSON.stringify({ users: { ann: { password, roles: [] } } }));
    const source = watchedUsersFile(file);
    expect(Object.keys(source.current().users)).to.deep.equal(['ann']);

    writeFileSync(file, '{ "users": ');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    let first: unknown;
    try {
      source.current();
    } catch (error) {
      first = error;
    }
    expect(first).to.have.property('code', 'ERR_INVALID_OPTION');
    // Not read and parsed again: the same failure, while the file stays as it is.
    expect(() => source.current())
      .to.throw()
      .that.equals(first);

    writeFileSync(file, JSON.stringify({ users: { bob: { password, roles: ['admin'] } } }));
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(Object.keys(source.current().users)).to.deep.equal(['bob']);
  });

  it('a FIFO, a directory or a file over the size limit put in its place is refused, never waited on or read whole', async function () {
    if (process.platform === 'win32') this.skip(); // no mkfifo
    const file = path.join(dir, 'users.json');
    writeFileSync(file, JSON.stringify({ users: { ann: { password: await hashPassword('secret'), roles: [] } } }));
    const source = watchedUsersFile(file);
    const failure = () => {
      try {
        source.current();
      } catch (error) {
        return (error as Error).message;
      }
      return 'read';
    };
    // Before, reading a FIFO waited for a writer: the main process, and every request, with it.
    rmSync(file);
    expect(spawnSync('mkfifo', [file]).status).to.equal(0);
    expect(failure()).to.include('is not a regular file');
    rmSync(file);
    mkdirSync(file);
    expect(failure()).to.include('is not a regular file');
    rmSync(file, { recursive: true });
    // Sparse: no disk used. Before, it was read whole on the request path, then refused as not JSON.
    const huge = path.join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_USERS_FILE_BYTES + 1);
    renameSync(huge, file);
    expect(failure()).to.include(`is larger than ${MAX_USERS_FILE_BYTES} bytes`);
  });
});
