/**
 * createRuntime refuses options it does not know, naming them, so a misspelling fails at start-up;
 * and a known option of the wrong type is refused rather than coerced.
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

describe('createRuntime option development', () => {
  // docs/embedding.md: `development` is a boolean. A string from the environment must not turn
  // stack traces on in production by being truthy.
  for (const value of ['false', 'true', 1, 0, null])
    it(`refuses ${JSON.stringify(value)}, naming the option`, () => {
      expect(() => createRuntime({ root: scriptsDir, development: value } as never))
        .to.throw(/option "development" must be a boolean/)
        .with.property('code', 'ERR_INVALID_OPTION');
    });
});

describe('createRuntime options applicationName and initParameters', () => {
  // The runtime hands them to its manager as application.name and application.initParameters;
  // a bad one is still named as createRuntime takes it.
  it('are named as createRuntime takes them', () => {
    expect(() => createRuntime({ root: scriptsDir, applicationName: 'a:b' }))
      .to.throw(/^option "applicationName" must be 1 to 64 characters/)
      .with.property('code', 'ERR_INVALID_OPTION');
    expect(() => createRuntime({ root: scriptsDir, initParameters: { n: 1 } } as never))
      .to.throw(/^option "initParameters" must be an object of string values/)
      .with.property('code', 'ERR_INVALID_OPTION');
  });
});
