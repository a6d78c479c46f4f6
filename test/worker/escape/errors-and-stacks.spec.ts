/**
 * Escape resistance: error objects and stack traces. Structured call sites
 * (`Error.prepareStackTrace`) of frames in the API and the kernel give no function or receiver
 * that leads out; stacks and messages name module ids, never host paths; whatever a script
 * throws (non-Errors, proxies, getters, `cause`, `AggregateError`, a throwing
 * `prepareStackTrace`) ends as a 500 with a description, and the next request works.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

const THROWN = [
  ['object', 'Custom', 'plain object'],
  ['getter', 'Error', 'm'],
  ['proxy', 'Error', 'script threw a value that cannot be described'],
  ['revoked proxy', 'Error', 'script threw a value that cannot be described'],
  ['symbol', 'Error', 'Symbol(thrown)'],
  ['null', 'Error', 'null'],
  ['undefined', 'Error', 'undefined'],
  ['number', 'Error', '42'],
  ['function', 'Error', 'function () { return globalThis; }'],
  ['cause', 'Error', 'outer'],
  ['aggregate', 'AggregateError', 'several'],
  ['prepareStackTrace throws', 'Error', 'with a throwing prepareStackTrace'],
  ['prepareStackTrace returns an object', 'Error', 'object stack'],
  ['stack overflow', 'RangeError', 'Maximum call stack size exceeded'],
  ['error with a host-looking message', 'Error', 'x'],
  ['rejected promise', 'RangeError', 'rejected on purpose'],
  ['async throw', 'SyntaxError', 'thrown after await'],
  ['AggregateError from Promise.any', 'AggregateError', 'All promises were rejected'],
] as const;

describe('escape: errors and stack traces', () => {
  forEachIsolation('error-stacks.js', (harness) => {
    it('call sites of API and kernel frames lead nowhere; file names are module ids', async () => {
      const response = await harness().attack('error-stacks.js');
      const report = probeReport(response);
      expect(report['call sites']).to.be.above(10);
      expect(report['reached through call sites: suspicious']).to.equal('');
      for (const file of String(report['file names']).split(' | ')) {
        expect(file).to.match(/^(error-stacks\.js|kernel\.js|http\/v4\/\w+\.js|null|undefined) \/ undefined$/);
      }
      expect(report['host error is a guest TypeError']).to.equal('true');
      expect(report['syntax error in a module']).to.match(/^SyntaxError: .*\[lib\/syntax-error\.js:1:\d+\]$/);
      expect(report['plain stacks']).to.include('at exports.setAttribute (http/v4/session.js:');
      await harness().expectContained(response);
    });

    for (const [kind, name, message] of THROWN) {
      it(`throwing ${kind}: 500 ${name} "${message}", nothing leaked`, async () => {
        const response = await harness().attack(`throw-kinds.js?kind=${encodeURIComponent(kind)}`);
        expect(response.status).to.equal(500);
        expect(response.json()).to.include({ error: name, message });
        await harness().expectContained(response);
      });
    }
  });
});
