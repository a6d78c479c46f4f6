/**
 * scrypt runs in at most half of libuv's thread pool (scrypt-slots.ts), so a flood of Basic logins
 * with wrong passwords does not hold the threads that file system calls, DNS lookups and zlib of
 * the main process need.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../../main/server/password-hash.js';
import { scryptSlotCount, Slots } from '../../../main/server/scrypt-slots.js';

describe('scrypt slots', () => {
  it('refuses a task with ERR_OVERLOADED at once when `maxWaiting` already wait; the others run', async () => {
    const slots = new Slots(1, 2);
    const ends: Array<() => void> = [];
    let ran = 0;
    const task = () =>
      new Promise<number>((resolve) => {
        ran++;
        ends.push(() => resolve(ran));
      });
    const accepted = [slots.run(task), slots.run(task), slots.run(task)];
    let refused: unknown;
    try {
      await slots.run(task);
    } catch (error) {
      refused = error;
    }
    expect(refused).to.include({ code: 'ERR_OVERLOADED', status: 503 });
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      ends.shift()?.();
    }
    expect(await Promise.all(accepted)).to.have.length(3);
    expect(ran).to.equal(3);
  });

  it('runs at most `limit` tasks at once, the others in the order they came, each answering its own', async () => {
    const slots = new Slots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const ends: Array<() => void> = [];
    const results = Array.from({ length: 6 }, (_, index) =>
      slots.run(async () => {
        started.push(index);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => ends.push(resolve));
        running--;
        if (index === 3) throw new Error('three');
        return index;
      }),
    );
    const settling = Promise.allSettled(results);
    for (let round = 0; round < 6; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      ends.shift()?.();
    }
    const settled = await settling;
    expect(most).to.equal(2);
    expect(started).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(settled.map((result) => (result.status === 'fulfilled' ? result.value : 'failed'))).to.deep.equal([
      0,
      1,
      2,
      'failed',
      4,
      5,
    ]);
  });

  it('takes half the thread pool, at least one thread', () => {
    expect(scryptSlotCount(undefined)).to.equal(2);
    expect(scryptSlotCount('16')).to.equal(8);
    expect(scryptSlotCount('1')).to.equal(1);
    expect(scryptSlotCount('nonsense')).to.equal(2);
  });

  it('a file read is answered while a flood of wrong passwords is verified, not after most of them', async () => {
    const hash = await hashPassword('right');
    let verified = 0;
    const flood = Array.from({ length: 16 }, (_, index) =>
      verifyPassword(`wrong ${index}`, hash).then((ok) => {
        verified++;
        return ok;
      }),
    );
    await readFile(new URL(import.meta.url));
    // Before, the read queued behind the 16 derivations on the 4 threads: 12 or more had ended.
    const verifiedBeforeTheRead = verified;
    expect(await Promise.all(flood)).to.not.include(true);
    expect(verifiedBeforeTheRead).to.be.below(4);
  });
});
