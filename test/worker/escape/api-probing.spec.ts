/**
 * Escape resistance: probing and walking the exported API functions (prototypes, own property
 * descriptors, `caller` / `arguments`, `toString`, hostile arguments and receivers) finds only the
 * script's own realm: no host object, not the guest kernel, no host path.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

describe('escape: probing the API functions', () => {
  forEachIsolation('api-probing.js', (harness) => {
    it('reaches no host object and not the kernel; every call is contained or refused with an error', async () => {
      const response = await harness().attack('api-probing.js');
      const report = probeReport(response);
      expect(report['walk: objects seen']).to.be.above(50);
      expect(report['walk: suspicious']).to.equal('');
      expect(report['facts']).to.equal('');
      const outcomes = Object.entries(report).filter(([label]) => label.includes('('));
      expect(outcomes.length).to.be.above(500);
      for (const [label, outcome] of outcomes) expect(outcome, label).to.match(/^(contained|blocked: )/);
      await harness().expectContained(response);
    });

    it('module ids stand in for file names: no host path, and require has nothing to offer', async () => {
      const report = probeReport(await harness().attack('api-probing.js'));
      expect(report).to.include({
        __filename: 'api-probing.js',
        __dirname: '',
        'module.id': 'api-probing.js',
        'require own keys': 'length,name,prototype',
        'module keys': 'id,exports',
      });
    });
  });
});
