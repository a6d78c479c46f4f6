/**
 * The helpers that let the session layers answer at once when the store does (maybe-promise.ts):
 * plain values stay plain, promises are waited for, and errors come out the same way either way.
 */
import { expect } from 'chai';
import { andThen, attempt, eachInOrder, ensure, isPromise } from '../../common/maybe-promise.js';

describe('maybe-promise', () => {
  it('after: a plain value goes on at once; a promise goes on once it resolves', async () => {
    const now = andThen(2, (value) => value * 10);
    expect(now).to.equal(20);
    const later = andThen(Promise.resolve(2), (value) => value * 10);
    expect(isPromise(later)).to.equal(true);
    expect(await later).to.equal(20);
  });

  it('attempt: recovers from a throw at once and from a rejection later; a value passes', async () => {
    expect(
      attempt(
        () => 1,
        () => 2,
      ),
    ).to.equal(1);
    expect(
      attempt(
        () => {
          throw new Error('now');
        },
        (error) => (error as Error).message,
      ),
    ).to.equal('now');
    expect(
      await attempt(
        () => Promise.reject(new Error('later')),
        (error) => (error as Error).message,
      ),
    ).to.equal('later');
  });

  it('ensure: runs the last step once, after a value, a throw, a resolution or a rejection', async () => {
    let ran = 0;
    const always = () => {
      ran++;
    };
    expect(ensure(() => 'v', always)).to.equal('v');
    expect(() =>
      ensure(() => {
        throw new Error('now');
      }, always),
    ).to.throw('now');
    const later = ensure(() => Promise.resolve('w'), always);
    expect(ran).to.equal(2);
    expect(await later).to.equal('w');
    await ensure(() => Promise.reject(new Error('later')), always).then(
      () => expect.fail('resolved'),
      (error: Error) => expect(error.message).to.equal('later'),
    );
    expect(ran).to.equal(4);
  });

  it('eachInOrder: runs the steps in order, waiting only for those that return promises', async () => {
    const seen: string[] = [];
    const allAtOnce = eachInOrder(['a', 'b'], (item) => {
      seen.push(item);
    });
    expect(allAtOnce).to.equal(undefined);
    const mixed = eachInOrder(['c', 'd', 'e'], (item) =>
      item === 'd' ? Promise.resolve().then(() => void seen.push(item)) : void seen.push(item),
    );
    expect(seen).to.deep.equal(['a', 'b', 'c']);
    expect(isPromise(mixed)).to.equal(true);
    await mixed;
    expect(seen).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });
});
