/**
 * The Redis hash layout read back: a `HGETALL` reply arrives as an object (RESP2, node-redis's
 * default), a `Map` (RESP3 with a Map type mapping) or a flat array (raw replies), and each gives
 * the same record in one pass.
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../../../common/record.js';
import {
  type AttributeSerializer,
  expiryFromFields,
  fieldsToRecord,
  hashReplyToMap,
  identitySerializer,
  recordToFields,
} from '../../../../main/session/redis/redis-layout.js';

const record: SessionRecord = {
  id: 'app:s1',
  creationTime: 1_000,
  lastAccessedTime: 2_000,
  maxInactiveInterval: 1800,
  isNew: false,
  attributes: [
    ['zeta', '"last added first"'],
    ['alpha', '{"n":1}'],
    ['m:created', '"an attribute named like metadata"'],
  ],
};

/** The flat field/value list Redis holds for `record`, fields in an order of Redis's choosing. */
function storedPairs(shuffled = true): string[] {
  const fields = recordToFields(record, identitySerializer);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < fields.length; i += 2) pairs.push([fields[i] as string, fields[i + 1] as string]);
  if (shuffled) pairs.reverse();
  return pairs.flat();
}

describe('Redis layout: reading a hash back', () => {
  const flat = storedPairs();
  const asObject = Object.fromEntries(hashReplyToMap(flat));
  const asMap = new Map(hashReplyToMap(flat));

  for (const [form, reply] of [
    ['a flat array', flat],
    ['an object', asObject],
    ['a Map', asMap],
  ] as const) {
    it(`gives the stored record from ${form}, attributes in insertion order`, () => {
      expect(fieldsToRecord('app:s1', reply, identitySerializer)).to.deep.equal(record);
    });
  }

  it('carries the principal when the hash has one, and the new flag', () => {
    const reply = [...storedPairs(false), 'm:principal', 'alice', 'm:new', '1'];
    const read = fieldsToRecord('app:s1', reply, identitySerializer);
    expect(read?.principal).to.equal('alice');
    expect(read?.isNew).to.equal(true);
  });

  it('is undefined for an empty hash, one missing a time, or one with a time that is not a number', () => {
    expect(fieldsToRecord('app:s1', [], identitySerializer)).to.equal(undefined);
    expect(fieldsToRecord('app:s1', {}, identitySerializer)).to.equal(undefined);
    expect(fieldsToRecord('app:s1', ['m:created', '1', 'm:accessed', '2'], identitySerializer)).to.equal(undefined);
    expect(
      fieldsToRecord('app:s1', ['m:created', '1', 'm:accessed', ' ', 'm:maxInactive', '5'], identitySerializer),
    ).to.equal(undefined);
  });

  it('passes every stored value through the serializer', () => {
    const reversing: AttributeSerializer = {
      serialize: (json) => [...json].reverse().join(''),
      deserialize: (stored) => [...stored].reverse().join(''),
    };
    const stored = recordToFields(record, reversing);
    expect(fieldsToRecord('app:s1', stored, reversing)).to.deep.equal(record);
  });

  it('reads the expiry fields of an HMGET, nulls as missing', () => {
    expect(expiryFromFields(['1', '2', '3'])).to.deep.equal({
      creationTime: 1,
      lastAccessedTime: 2,
      maxInactiveInterval: 3,
    });
    expect(expiryFromFields(['1', null, '3'])).to.equal(undefined);
  });
});
