/**
 * createRuntime refuses options it does not know, naming them, so a misspelling fails at start-up.
 */
import { expect } from 'chai';
import { createRuntime } from '../../../main/server/runtime.js';
import { scriptsDir } from '../../support/paths.js';

describe('unknown createRuntime options', () => {
  it('fail at start-up with ERR_INVALID_OPTION naming each of them', () => {
    expect(() => createRuntime({ root: scriptsDir, tmeout: 100, maxInactivInterval: 5 } as never))
      .to.throw(/option "tmeout", "maxInactivInterval" is not an option of createRuntime/)
      .with.property('code', 'ERR_INVALID_OPTION');
  });
});
