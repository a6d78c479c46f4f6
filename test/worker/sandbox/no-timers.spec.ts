/**
 * Scripts see no timer functions, as in Eclipse Dirigible 10, whose GraalJS engine runs a script
 * without an event loop and defines none: `typeof setTimeout` is "undefined" and a call is a
 * `ReferenceError`. In every module kind (CommonJS, ES module in .mjs and in .js, TypeScript) and
 * both isolation modes, through a real runtime and its worker.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const absent = {
  setTimeout: 'undefined',
  setInterval: 'undefined',
  setImmediate: 'undefined',
  clearTimeout: 'undefined',
  clearInterval: 'undefined',
  clearImmediate: 'undefined',
  queueMicrotask: 'undefined',
  call: 'ReferenceError',
};

describe('no timers, as in Dirigible 10', () => {
  for (const isolation of ['script', 'request'] as const) {
    describe(`isolation ${isolation}`, () => {
      let harness: Harness;
      before(async () => {
        harness = await startRuntime({ isolation });
      });
      after(() => harness.close());

      for (const script of ['absent.js', 'absent.mjs', 'absent-module.js', 'absent.ts']) {
        it(`${script}: no timer function is defined, and setTimeout(…) is a ReferenceError`, async () => {
          const response = await harness.client().get(`/services/js/timers/${script}`);
          expect(response.status, response.text).to.equal(200);
          expect(response.json()).to.deep.equal(absent);
        });
      }
    });
  }
});
