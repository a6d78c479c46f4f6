/**
 * `add-user` against another `add-user` and odd files: it holds a lock file next to the users file
 * (created with `wx`, removed after, taken over once stale) from its read to its rename, and refuses
 * a symlink to nothing rather than replacing the link.
 */
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { addUser } from '../../../main/server/users-command.js';
import { lockPathOf, STALE_LOCK_MS } from '../../../main/server/users-file-lock.js';

describe('add-user and its lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dirigible-users-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const names = (file: string) => Object.keys(JSON.parse(readFileSync(file, 'utf8')).users).sort();

  it("waits for another add-user's lock: while it is held the file is not read nor replaced", async () => {
    const file = path.join(dir, 'users.json');
    await addUser(file, 'ann', 'first', []);
    writeFileSync(lockPathOf(file), '12345\n'); // another add-user between its read and its rename
    // Before, nothing was locked: two add-users could both read the file before either renamed, and one user was lost.
    let refused: unknown;
    await addUser(file, 'bob', 'second', [], 0).catch((error: unknown) => {
      refused = error;
    });
    expect(String(refused)).to.include('is locked by another add-user').and.include(lockPathOf(file));
    expect(names(file)).to.deep.equal(['ann']);
    rmSync(lockPathOf(file));
    await addUser(file, 'bob', 'second', [], 0);
    expect(names(file)).to.deep.equal(['ann', 'bob']);
    expect(existsSync(lockPathOf(file))).to.equal(false); // removed after
  });

  it('takes over a lock its holder left behind (older than a few seconds)', async () => {
    const file = path.join(dir, 'users.json');
    await addUser(file, 'ann', 'first', []);
    writeFileSync(lockPathOf(file), '12345\n');
    const past = (Date.now() - STALE_LOCK_MS - 1000) / 1000;
    utimesSync(lockPathOf(file), past, past);
    await addUser(file, 'bob', 'second', [], 0);
    expect(names(file)).to.deep.equal(['ann', 'bob']);
    expect(existsSync(lockPathOf(file))).to.equal(false);
  });

  it('keeps every user of add-users run at once in one process', async () => {
    const file = path.join(dir, 'users.json');
    await Promise.all(['u1', 'u2', 'u3', 'u4'].map((name) => addUser(file, name, `${name} password`, [])));
    expect(names(file)).to.deep.equal(['u1', 'u2', 'u3', 'u4']);
  });

  it('refuses a symlink to nothing, naming where it points: the link is neither replaced nor written through', async () => {
    const link = path.join(dir, 'users.json');
    symlinkSync(path.join('missing', 'users.json'), link);
    let refused: unknown;
    await addUser(link, 'ann', 'first', []).catch((error: unknown) => {
      refused = error;
    });
    // Before, the link was replaced by a file of its own: a server reading missing/users.json never saw the user.
    expect(String(refused)).to.include('is a symbolic link to missing/users.json, which does not exist');
    expect(lstatSync(link).isSymbolicLink()).to.equal(true);
    expect(existsSync(path.join(dir, 'missing'))).to.equal(false);
  });
});
