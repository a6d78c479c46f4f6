/**
 * Escape resistance: `require` of Node built-ins, traversal, absolute paths, `file:` and `data:`
 * URLs, odd and non-string specifiers, and dynamic `import()` (from CommonJS and ES module
 * scripts): each fails with a clear error and nothing outside the root is read.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

describe('escape: require and import()', () => {
  forEachIsolation('require-escapes.js', (harness) => {
    it('every specifier is refused with a clear error, and import() is not available', async () => {
      const response = await harness().attack('require-escapes.js');
      const report = probeReport(response);
      const attempts = Object.entries(report).filter(
        ([label]) => label.startsWith('require ') || label.startsWith('import('),
      );
      expect(attempts.length).to.be.above(40);
      for (const [label, outcome] of attempts)
        expect(outcome, label).to.match(/^blocked: (Error: require: |TypeError: require: |Error: Not supported)/);
      expect(report['require "fs"']).to.include('is not available to scripts');
      expect(report['require "../outside/secret.js"']).to.include('is outside the script root');
      expect(report['require "/etc/passwd"']).to.include('cannot find module');
      expect(report['require "file:///etc/passwd"']).to.include('is not allowed');
      expect(report).to.include({
        'require.cache': 'undefined',
        'require.resolve': 'undefined',
        'module.require': 'undefined',
      });
      expect(response.text).not.to.include('SECRET');
      await harness().expectContained(response);
    });

    it('an ES module script: dynamic import() is refused, constructor chains stay in its realm', async () => {
      const response = await harness().attack('esm-escapes.mjs');
      const report = probeReport(response);
      for (const [label, outcome] of Object.entries(report).filter(([key]) => key.startsWith('import '))) {
        expect(outcome, label).to.match(/^blocked: /);
      }
      // The global require() (Dirigible 10's) is confined as a CommonJS script's is.
      expect(report['require fs']).to.match(/^blocked: require: module "fs" is not available to scripts/);
      expect(report['require ../outside/secret.js']).to.equal(
        'blocked: require: "../outside/secret.js" is outside the script root',
      );
      expect(report['require /etc/passwd']).to.match(
        /^blocked: require: cannot find module "\/etc\/passwd" from the script root/,
      );
      expect(report).to.include({
        'import.meta keys': '',
        'session.getAttribute chain': 'contained',
        'namespace chain': 'contained',
        'async chain': 'undefined',
        'this at top level': 'undefined',
      });
      await harness().expectContained(response);
    });
  });
});
