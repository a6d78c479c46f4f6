/**
 * The worker's own full collections (external-garbage.ts): made when memory outside the heap has
 * grown by EXTERNAL_GROWTH_BYTES since the last one, read at most every EXTERNAL_CHECK_MS.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import {
  EXTERNAL_CHECK_MS,
  EXTERNAL_GROWTH_BYTES,
  ExternalGarbage,
  fullCollection,
} from '../../../worker/sandbox/external-garbage.js';

const flagsModule = new URL('../../../worker/sandbox/context-flags.js', import.meta.url).href;
const garbageModule = new URL('../../../worker/sandbox/external-garbage.js', import.meta.url).href;

describe('ExternalGarbage', () => {
  it('collects once the memory outside the heap grew by the step, then measures from what is left', () => {
    let external = 10;
    let collections = 0;
    const garbage = new ExternalGarbage(
      () => {
        collections++;
        external = 20;
      },
      () => external,
    );
    external = 10 + EXTERNAL_GROWTH_BYTES - 1;
    expect(garbage.check(0)).to.equal(false);
    external = 10 + EXTERNAL_GROWTH_BYTES;
    expect(garbage.check(EXTERNAL_CHECK_MS)).to.equal(true);
    expect(collections).to.equal(1);
    external = 20 + EXTERNAL_GROWTH_BYTES - 1;
    expect(garbage.check(2 * EXTERNAL_CHECK_MS)).to.equal(false);
    external = 20 + EXTERNAL_GROWTH_BYTES;
    expect(garbage.check(3 * EXTERNAL_CHECK_MS)).to.equal(true);
    expect(collections).to.equal(2);
  });

  it('reads the memory at most every EXTERNAL_CHECK_MS', () => {
    let reads = 0;
    const garbage = new ExternalGarbage(
      () => undefined,
      () => {
        reads++;
        return 0;
      },
    );
    reads = 0;
    garbage.check(1000);
    garbage.check(1000 + EXTERNAL_CHECK_MS - 1);
    expect(reads).to.equal(1);
    garbage.check(1000 + EXTERNAL_CHECK_MS);
    expect(reads).to.equal(2);
  });

  it('fullCollection: the gc of a process started with --expose-gc, which the context flags keep out of later contexts', () => {
    // A fresh process, as a worker is: --expose-gc, then the context flags, then fullCollection().
    const probe = `
      import ivm from 'isolated-vm';
      import { runInNewContext } from 'node:vm';
      import { applyContextFlags } from ${JSON.stringify(flagsModule)};
      import { fullCollection } from ${JSON.stringify(garbageModule)};
      applyContextFlags();
      const collect = fullCollection();
      collect();
      const isolate = new ivm.Isolate({ memoryLimit: 32 });
      console.log(JSON.stringify([typeof collect, runInNewContext('typeof gc'), isolate.createContextSync().evalSync('typeof gc')]));
    `;
    const output = execFileSync(
      process.execPath,
      ['--no-node-snapshot', '--expose-gc', '--input-type=module', '-e', probe],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(output)).to.deep.equal(['function', 'undefined', 'undefined']);
    // Without the flag there is no gc to take.
    expect(() => fullCollection()).to.throw('--expose-gc');
  });

  it('tells the worker just before it collects, and only then (results held back go out first)', () => {
    const order: string[] = [];
    let external = 0;
    const garbage = new ExternalGarbage(
      () => order.push('collect'),
      () => external,
    );
    garbage.check(0, () => order.push('before'));
    expect(order).to.deep.equal([]);
    external = EXTERNAL_GROWTH_BYTES;
    expect(garbage.check(EXTERNAL_CHECK_MS, () => order.push('before'))).to.equal(true);
    expect(order).to.deep.equal(['before', 'collect']);
  });
});
