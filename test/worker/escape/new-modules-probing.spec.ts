/**
 * Escape resistance of the modules added after the first escape specs (utils/*, sdk/utils,
 * http/v4/client, http/rs, test/assert, sdk/http): walking them, calling every function and
 * static class function with hostile arguments (proxies, throwing getters and toString, symbols,
 * BigInts, lone surrogates, typed arrays), and the constructor chains of every value returned or
 * error thrown, find only the script's own realm.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

describe('escape: probing the utils, client, rs, assert and SDK modules', () => {
  forEachIsolation(
    'new-modules-probing.js',
    (harness) => {
      it('reaches no host object and not the kernel; every call, and every chain from its result, is contained', async () => {
        const response = await harness().attack('new-modules-probing.js');
        const report = probeReport(response);
        expect(report['walk: objects seen']).to.be.above(100);
        expect(report['walk: suspicious']).to.equal('');
        expect(report['facts']).to.equal('');
        expect(report['calls']).to.be.above(1000);
        const outcomes = Object.entries(report).filter(([label]) => label.includes('('));
        for (const [label, outcome] of outcomes) expect(outcome, label).to.match(/^(contained|blocked)/);
        await harness().expectContained(response);
      });
      // Some 7,600 hostile calls, each with its constructor chains, take about 1.5 s here: more than
      // the hostile runtime's 1 s limit on a slow machine, and the limit is not what this spec tests.
    },
    { timeout: 10_000, deadline: 15_000 },
  );
});
