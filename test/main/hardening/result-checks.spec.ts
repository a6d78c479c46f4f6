/**
 * The main process checks a worker's result against the caps again (a worker runs hostile code):
 * header count and bytes, session operations, a final status, and error text (name, code, message,
 * stack) cut to `maxErrorSize`.
 */
import { expect } from 'chai';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { resultMessage } from '../../support/result-message.js';
import { checkWorkerResult } from '../../../main/server/result-checks.js';

const limits = { ...DEFAULT_LIMITS, maxHeaders: 3, maxSessionOps: 2, maxErrorSize: 10 };

describe('hardening: the main process re-checks a result', () => {
  it('refuses more headers than maxHeaders', () => {
    const headers: Array<[string, string]> = [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
    ];
    expect(() =>
      checkWorkerResult(
        resultMessage({ response: { status: 200, headers, body: new Uint8Array(0) } }),
        () => [],
        limits,
      ),
    )
      .to.throw()
      .with.property('code', 'ERR_TOO_MANY_HEADERS');
  });

  it('refuses headers larger than maxHeaderBytes in all', () => {
    const headers: Array<[string, string]> = [
      ['a', 'x'.repeat(60)],
      ['b', 'y'.repeat(60)],
    ];
    const response = { status: 200, headers, body: new Uint8Array(0) };
    const small = { ...limits, maxHeaderBytes: 100 };
    expect(() => checkWorkerResult(resultMessage({ response }), () => [], small))
      .to.throw()
      .with.property('code', 'ERR_HEADERS_TOO_LARGE');
    expect(() =>
      checkWorkerResult(resultMessage({ response }), () => [], { ...small, maxHeaderBytes: 200 }),
    ).to.not.throw();
  });

  it('refuses more session operations than maxSessionOps', () => {
    const sessionOps = [
      { op: 'access' as const },
      { op: 'maxInactiveInterval' as const, seconds: 1 },
      { op: 'invalidate' as const },
    ];
    expect(() => checkWorkerResult(resultMessage({ sessionOps }), () => [], limits))
      .to.throw()
      .with.property('code', 'ERR_SESSION_OPS_LIMIT');
  });

  it('refuses a status outside 200-599 in a successful result', () => {
    for (const status of [100, 101, 199, 600, 1000, 200.5]) {
      expect(() =>
        checkWorkerResult(
          resultMessage({ response: { status, headers: [], body: new Uint8Array(0) } }),
          () => [],
          limits,
        ),
      )
        .to.throw()
        .with.property('code', 'ERR_INVALID_STATUS');
    }
  });

  it('cuts the message and stack of a failure to maxErrorSize', () => {
    const failed = resultMessage({
      failure: { name: 'Error', code: '', message: 'm'.repeat(1000), stack: 's'.repeat(1000) },
    });
    checkWorkerResult(failed, () => [], limits);
    expect(failed.failure?.message).to.equal('mmmmmmmmmm… (cut at 10 characters)');
    expect(failed.failure?.stack).to.equal('ssssssssss… (cut at 10 characters)');
  });

  it('cuts the name and code of a failure to maxErrorSize too: a script chooses them as freely', () => {
    const failed = resultMessage({ failure: { name: 'n'.repeat(1000), code: 'c'.repeat(1000), message: 'm' } });
    checkWorkerResult(failed, () => [], limits);
    expect(failed.failure?.name).to.equal('nnnnnnnnnn… (cut at 10 characters)');
    expect(failed.failure?.code).to.equal('cccccccccc… (cut at 10 characters)');
  });
});
