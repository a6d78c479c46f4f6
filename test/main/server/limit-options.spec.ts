/**
 * The sandbox limit options: documented defaults, and a bad value refused at start-up with an
 * error naming the option.
 */
import { expect } from 'chai';
import { requestLimits, resolveOptions } from '../../../main/server/options.js';
import { scriptsDir } from '../../support/paths.js';

describe('limit options', () => {
  it('default to timeout 5000 ms, deadline twice the timeout, 10 MiB responses, 64 KiB of headers, 256 KiB attributes, 1000 attributes, 1 MiB sessions', () => {
    const options = resolveOptions({ root: scriptsDir });
    expect(options).to.include({
      timeout: 5000,
      deadline: 10_000,
      memoryLimit: 128,
      isolation: 'script',
      contextsPerIsolate: 300,
    });
    expect(requestLimits(options)).to.deep.equal({
      maxResponseSize: 10 * 1024 * 1024,
      maxAttributeSize: 256 * 1024,
      maxAttributes: 1000,
      maxSessionSize: 1024 * 1024,
      maxHeaders: 1000,
      maxHeaderBytes: 64 * 1024,
      maxSessionOps: 10_000,
      maxErrorSize: 8192,
    });
    expect(resolveOptions({ root: scriptsDir, timeout: 700 }).deadline).to.equal(1400);
  });

  const bad: Array<[string, object, RegExp]> = [
    [
      'deadline below timeout',
      { timeout: 1000, deadline: 999 },
      /option "deadline" must be at least "timeout" \(1000 ms\)/,
    ],
    ['deadline not a whole number', { deadline: 1.5 }, /option "deadline" must be a whole number >= 1/],
    ['maxResponseSize zero', { maxResponseSize: 0 }, /option "maxResponseSize" must be a whole number >= 1/],
    ['maxAttributes negative', { maxAttributes: -1 }, /option "maxAttributes" must be a whole number >= 1/],
    ['maxSessionSize not a number', { maxSessionSize: '1MB' }, /option "maxSessionSize" must be a whole number >= 1/],
    [
      'maxAttributeSize above maxSessionSize',
      { maxAttributeSize: 2000, maxSessionSize: 1000 },
      /option "maxAttributeSize" must not exceed maxSessionSize \(1000\)/,
    ],
  ];
  for (const [title, options, message] of bad) {
    it(`refuses ${title}`, () => {
      expect(() => resolveOptions({ root: scriptsDir, ...options }))
        .to.throw(message)
        .with.property('code', 'ERR_INVALID_OPTION');
    });
  }
});
