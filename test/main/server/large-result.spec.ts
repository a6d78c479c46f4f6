/**
 * Which results carry large session changes, and so are checked and committed in a turn of their
 * own (large-result.ts); an ordinary one goes on in the turn that read it.
 */
import { expect } from 'chai';
import type { ResultMessage } from '../../../common/protocol.js';
import type { SessionOp } from '../../../common/snapshot.js';
import { isLargeResult, OWN_TURN_FROM } from '../../../main/server/large-result.js';

function result(sessionOps: SessionOp[]): ResultMessage {
  return { type: 'result', id: 1, response: { status: 200, headers: [], body: new Uint8Array(0) }, sessionOps };
}

const jsonOfLength = (characters: number) => JSON.stringify('s'.repeat(characters - 2));

describe('large results', () => {
  it('counts the JSON of set operations, all of them, from OWN_TURN_FROM characters on', () => {
    expect(isLargeResult(result([]))).to.equal(false);
    expect(isLargeResult(result([{ op: 'set', name: 'a', json: '"value1"' }]))).to.equal(false);
    expect(isLargeResult(result([{ op: 'set', name: 'a', json: jsonOfLength(OWN_TURN_FROM - 1) }]))).to.equal(false);
    expect(isLargeResult(result([{ op: 'set', name: 'a', json: jsonOfLength(OWN_TURN_FROM) }]))).to.equal(true);
    const half = jsonOfLength(OWN_TURN_FROM / 2);
    const halves: SessionOp[] = [
      { op: 'set', name: 'a', json: half },
      { op: 'remove', name: 'a' },
      { op: 'set', name: 'a', json: half },
    ];
    expect(isLargeResult(result(halves)), 'a value set twice counts twice').to.equal(true);
  });
});
