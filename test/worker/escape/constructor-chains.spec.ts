/**
 * Escape resistance: constructor chains from every reachable function kind toward a host
 * `Function` (`this.constructor.constructor("return process")()` and its async, generator,
 * promise and error variants) reach only the script's own realm.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { canary, forEachIsolation, hostileDir, probeReport } from '../../support/hostile.js';
import { runInNodeVm } from '../../support/node-vm-runner.js';

const chains = [
  'this.constructor.constructor',
  'function',
  'async function',
  'generator function',
  'async generator function',
  'promise',
  'error',
  'caught TypeError',
  'error thrown by the session facade',
  'error thrown by the response facade',
  'error thrown by require',
  'require',
  'session.getAttribute',
  'response.print',
  'Date from getCreationTime',
];

describe('escape: constructor chains', () => {
  forEachIsolation('in the sandbox', (harness) => {
    it('every chain stays in the script realm, and nothing reaches the host', async () => {
      const response = await harness().attack('constructor-chains.js');
      const report = probeReport(response);
      for (const label of chains) expect(report[label], label).to.match(/^(contained|blocked)/);
      expect(Object.values(report).filter((outcome) => !/^(contained|blocked)/.test(outcome))).to.deep.equal([]);
      await harness().expectContained(response);
    });
  });

  describe('control: the same script under node:vm', () => {
    it('escapes through the host functions handed in, reads the environment and writes the marker', async () => {
      const scratch = mkdtempSync(path.join(tmpdir(), 'control-'));
      const marker = path.join(scratch, 'escaped');
      process.env['DIRIGIBLE_ESCAPE_CANARY'] = canary;
      try {
        const report = await runInNodeVm(path.join(hostileDir, 'constructor-chains.js'), marker);
        expect(report['session.getAttribute'])
          .to.match(/^ESCAPED/)
          .and.to.include(`env=${canary}`);
        expect(report['error thrown by the response facade']).to.match(/^ESCAPED/);
        expect(existsSync(marker)).to.equal(true);
      } finally {
        delete process.env['DIRIGIBLE_ESCAPE_CANARY'];
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
});
