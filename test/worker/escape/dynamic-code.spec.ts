/**
 * Escape resistance: `eval`, `Function`, WebAssembly, `SharedArrayBuffer` / `Atomics.wait`.
 * Code built at run time stays in the script's realm; WebAssembly (whose memory escapes the
 * isolate's memory limit) and `Atomics.waitAsync` (which aborts the worker) are not there; a
 * blocking `Atomics.wait` is ended by the time limit; `console` prints nothing.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

describe('escape: eval, Function, WebAssembly, SharedArrayBuffer, Atomics', () => {
  forEachIsolation(
    'dynamic-code.js',
    (harness) => {
      it('run-time code reaches only the script realm; the dangerous extras are gone', async () => {
        const response = await harness().attack('dynamic-code.js');
        const report = probeReport(response);
        for (const label of [
          'direct eval this',
          'indirect eval this',
          'eval process',
          'Function',
          'Function via eval',
          'new Function in a with block',
          'SharedArrayBuffer',
        ]) {
          expect(report[label], label).to.equal('contained');
        }
        expect(report).to.include({
          'typeof WebAssembly': 'undefined',
          'typeof Atomics.waitAsync': 'undefined',
          'Atomics.wait with a timeout': 'timed-out',
          'typeof console.log': 'function',
        });
        expect(report['lower-case globals']).to.equal(
          'console,decodeURI,decodeURIComponent,dirigibleRequire,encodeURI,encodeURIComponent,escape,eval,globalThis,isFinite,isNaN,parseFloat,parseInt,require,undefined,unescape',
        );
        await harness().expectContained(response);
      });

      it('Atomics.wait without a timeout is ended by the time limit', async () => {
        const response = await harness().attack('dynamic-code.js?kind=atomics-wait');
        expect(response.status).to.equal(500);
        expect(response.json()).to.include({ code: 'ERR_SCRIPT_TIMEOUT' });
        await harness().expectContained(response);
      });
    },
    { timeout: 300 },
  );
});
