/**
 * SessionState writes back only what a request changed: an attribute set to the JSON it already
 * has and an interval set to the one it has change nothing in the store, and only the metadata
 * fields that changed are in the patch. MemoryEntry keeps a session compactly and round-trips it.
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../../common/record.js';
import { KEEP_PAIRS_FROM, MemoryEntry } from '../../../main/session/memory-entry.js';
import { SessionState } from '../../../main/session/session-state.js';

const record = (): SessionRecord => ({
  id: 'abc',
  creationTime: 1000,
  lastAccessedTime: 2000,
  maxInactiveInterval: 1800,
  isNew: false,
  attributes: [
    ['attr1', '"value1"'],
    ['n', '1'],
  ],
});

describe('SessionState', () => {
  it('has no patch when an attribute is set to the JSON it already has', () => {
    const state = new SessionState(record(), 'abc');
    expect(state.setAttribute('attr1', '"value1"')).to.equal('"value1"');
    expect(state.toPatch()).to.equal(undefined);
  });

  it('patches an attribute set to a different value, and only that one', () => {
    const state = new SessionState(record(), 'abc');
    state.setAttribute('attr1', '"value1"');
    state.setAttribute('n', '2');
    expect(state.toPatch()).to.deep.equal({ set: [['n', '2']], removed: [] });
  });

  it('patches only the metadata fields that changed', () => {
    const state = new SessionState(record(), 'abc');
    state.lastAccessedTime = 3000;
    state.metadataChanged('lastAccessedTime');
    expect(state.toPatch()).to.deep.equal({ lastAccessedTime: 3000, set: [], removed: [] });
  });

  it('has nothing left to patch once stored', () => {
    const state = new SessionState(record(), 'abc');
    state.setAttribute('n', '5');
    state.stored();
    expect(state.toPatch()).to.equal(undefined);
  });
});

describe('MemoryEntry', () => {
  it('gives back the record it was made from, under the id asked for, in attribute order', () => {
    const entry = new MemoryEntry({ ...record(), isNew: true });
    expect(entry.toRecord('other')).to.deep.equal({ ...record(), id: 'other', isNew: true });
    expect(entry).to.include({ creationTime: 1000, lastAccessedTime: 2000, maxInactiveInterval: 1800 });
  });

  it('applies a patch of metadata only, attributes kept', () => {
    const patched = new MemoryEntry(record()).patched('abc', {
      lastAccessedTime: 5000,
      isNew: false,
      set: [],
      removed: [],
    });
    expect(patched.toRecord('abc')).to.deep.equal({ ...record(), lastAccessedTime: 5000 });
  });

  it('applies a patch of attributes and isNew', () => {
    const patched = new MemoryEntry({ ...record(), isNew: true }).patched('abc', {
      isNew: false,
      maxInactiveInterval: 60,
      set: [['x', '[1]']],
      removed: ['attr1'],
    });
    expect(patched.toRecord('abc')).to.deep.equal({
      ...record(),
      maxInactiveInterval: 60,
      attributes: [
        ['n', '1'],
        ['x', '[1]'],
      ],
    });
  });
  describe(`a session of ${KEEP_PAIRS_FROM} characters or more`, () => {
    const large = (): SessionRecord => ({
      ...record(),
      attributes: [...record().attributes, ['big', `"${'b'.repeat(KEEP_PAIRS_FROM)}"`]],
    });

    /** Calls `action` and counts the `JSON.parse` calls it makes. */
    function parsesIn(action: () => void): number {
      const parse = JSON.parse;
      let calls = 0;
      JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
        calls++;
        return parse(...args);
      }) as typeof JSON.parse;
      try {
        action();
      } finally {
        JSON.parse = parse;
      }
      return calls;
    }

    it('is read back and patched without parsing it again, as a small one is', () => {
      const entry = new MemoryEntry(large());
      expect(parsesIn(() => expect(entry.toRecord('abc')).to.deep.equal(large()))).to.equal(0);
      const patched = entry.patched('abc', { isNew: true, set: [['n', '2']], removed: ['attr1'] });
      expect(patched.toRecord('abc')).to.deep.equal({
        ...large(),
        isNew: true,
        attributes: [
          ['n', '2'],
          ['big', large().attributes[2]?.[1]],
        ],
      });
      expect(patched.patched('abc', { lastAccessedTime: 9000, set: [], removed: [] }).toRecord('x')).to.deep.equal({
        ...large(),
        id: 'x',
        isNew: true,
        lastAccessedTime: 9000,
        attributes: patched.toRecord('abc').attributes,
      });
    });

    it('keeps what it stores out of reach of the records it is made from and gives out', () => {
      const given = large();
      const entry = new MemoryEntry(given);
      (given.attributes[0] as [string, string])[1] = '"changed"';
      given.attributes.pop();
      const out = entry.toRecord('abc');
      (out.attributes[0] as [string, string])[1] = '"changed too"';
      out.attributes.length = 0;
      expect(entry.toRecord('abc')).to.deep.equal(large());
    });
  });
});
