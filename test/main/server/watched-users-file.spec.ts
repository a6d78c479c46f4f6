/**
 * The users file as `serve --users-file` watches it (basic-users.ts `watchedUsersFile`): read again
 * when it changes, and a file that does not read or check is read once per change, not on every
 * request that carries credentials.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { watchedUsersFile } from '../../../main/server/basic-users.js';
import { hashPassword } from '../../../main/server/password-hash.js';

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
});
