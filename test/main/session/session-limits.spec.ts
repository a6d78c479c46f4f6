/**
 * The session size rules (`SessionLedger`) and the main process's second check of a worker's
 * result (`checkWorkerResult`): a worker is not trusted to have enforced the limits.
 */
import { expect } from 'chai';
import { resultMessage } from '../../support/result-message.js';
import { checkWorkerResult } from '../../../main/server/result-checks.js';
import { SessionLedger } from '../../../common/session-limits.js';

const limits = {
  maxAttributeSize: 100,
  maxAttributes: 3,
  maxSessionSize: 200,
  maxResponseSize: 1000,
  maxHeaders: 50,
  maxHeaderBytes: 64 * 1024,
  maxSessionOps: 100,
  maxErrorSize: 200,
};

describe('session limits', () => {
  describe('SessionLedger', () => {
    it('counts UTF-8 bytes of name and JSON value', () => {
      const ledger = new SessionLedger(limits);
      ledger.set('setAttribute', 'n', JSON.stringify('é'.repeat(48)));
      expect(() => ledger.set('setAttribute', 'n', JSON.stringify('é'.repeat(49)))).to.throw(
        /attribute "n" is 101 bytes; the limit is 100 bytes \(maxAttributeSize\)/,
      );
    });

    it('replacing an attribute does not count it twice; removing frees its room', () => {
      const ledger = new SessionLedger(limits);
      ledger.set('setAttribute', 'a', '"' + 'x'.repeat(90) + '"');
      ledger.set('setAttribute', 'a', '"' + 'y'.repeat(90) + '"');
      ledger.set('setAttribute', 'b', '"' + 'z'.repeat(90) + '"');
      expect(() => ledger.set('setAttribute', 'c', '"' + 'w'.repeat(20) + '"')).to.throw(
        /ERR_SESSION_TOO_LARGE|would make the session/,
      );
      ledger.remove('b');
      ledger.set('setAttribute', 'c', '"' + 'w'.repeat(20) + '"');
    });

    it('a session already over a limit (limits lowered since) may still shrink', () => {
      const ledger = new SessionLedger(limits, [
        ['a', '"' + 'x'.repeat(95) + '"'],
        ['b', '"' + 'x'.repeat(95) + '"'],
        ['c', '"' + 'x'.repeat(95) + '"'],
      ]);
      ledger.set('setAttribute', 'a', '1');
      expect(() => ledger.set('setAttribute', 'a', '"' + 'x'.repeat(60) + '"')).to.throw(/would make the session/);
    });

    it('clear() starts an empty session but keeps counting what the request wrote', () => {
      const ledger = new SessionLedger({ ...limits, maxSessionSize: 100 });
      for (let i = 0; i < 4; i++) {
        ledger.set('setAttribute', 'a', '"' + 'x'.repeat(90) + '"');
        ledger.clear();
      }
      expect(() => ledger.set('setAttribute', 'a', '"' + 'x'.repeat(90) + '"')).to.throw(
        /this request wrote more than 400 bytes/,
      );
    });
  });

  describe('checkWorkerResult (main process)', () => {
    it('refuses session changes that are not JSON data under a non-empty name', () => {
      expect(() =>
        checkWorkerResult(
          resultMessage({ sessionOps: [{ op: 'set', name: 'a', json: '{not json' }] }),
          () => [],
          limits,
        ),
      )
        .to.throw(/value of attribute "a" is not data/)
        .with.property('code', 'ERR_INVALID_ATTRIBUTE');
      expect(() =>
        checkWorkerResult(resultMessage({ sessionOps: [{ op: 'set', name: '', json: '1' }] }), () => [], limits),
      )
        .to.throw()
        .with.property('code', 'ERR_INVALID_ATTRIBUTE');
    });

    it('accepts a result within the limits', () => {
      checkWorkerResult(
        resultMessage({
          sessionOps: [
            { op: 'create', id: 'x' },
            { op: 'set', name: 'a', json: '1' },
          ],
        }),
        () => [],
        limits,
      );
    });

    it('refuses a response over maxResponseSize, headers included', () => {
      expect(() =>
        checkWorkerResult(
          resultMessage({ response: { status: 200, headers: [['X-A', 'b'.repeat(900)]], body: new Uint8Array(100) } }),
          () => [],
          limits,
        ),
      )
        .to.throw(/the limit of 1000 bytes \(maxResponseSize\)/)
        .with.property('code', 'ERR_RESPONSE_TOO_LARGE');
    });

    it('refuses session changes a well-behaved worker would have refused', () => {
      const tooMany = resultMessage({
        sessionOps: ['a', 'b', 'c', 'd'].map((name) => ({ op: 'set' as const, name, json: '1' })),
      });
      expect(() => checkWorkerResult(tooMany, () => [], limits))
        .to.throw()
        .with.property('code', 'ERR_TOO_MANY_ATTRIBUTES');
      const onTopOfStored = resultMessage({ sessionOps: [{ op: 'set', name: 'd', json: '1' }] });
      expect(() =>
        checkWorkerResult(
          onTopOfStored,
          () => [
            ['a', '1'],
            ['b', '1'],
            ['c', '1'],
          ],
          limits,
        ),
      )
        .to.throw()
        .with.property('code', 'ERR_TOO_MANY_ATTRIBUTES');
      const afterInvalidate = resultMessage({
        sessionOps: [{ op: 'invalidate' }, { op: 'create', id: 'y' }, { op: 'set', name: 'd', json: '1' }],
      });
      checkWorkerResult(
        afterInvalidate,
        () => [
          ['a', '1'],
          ['b', '1'],
          ['c', '1'],
        ],
        limits,
      );
      const tooBig = resultMessage({ sessionOps: [{ op: 'set', name: 'a', json: '"' + 'x'.repeat(200) + '"' }] });
      expect(() => checkWorkerResult(tooBig, () => [], limits))
        .to.throw()
        .with.property('code', 'ERR_ATTRIBUTE_TOO_LARGE');
    });
  });
});
