/**
 * Escape resistance: prototype pollution. On the guest side, poisoned prototypes (index setters,
 * toJSON, then, exports) do not change what the API stores; through attribute names such as
 * `__proto__`, `constructor` and `toString`, and values with getters, `toJSON`, `valueOf` or
 * `Symbol.toPrimitive`, nothing but plain data is stored and nothing is polluted on the way back.
 */
import { expect } from 'chai';
import { forEachIsolation, probeReport } from '../../support/hostile.js';

describe('escape: prototype pollution', () => {
  forEachIsolation('pollution', (harness) => {
    it('poisoned guest prototypes do not change what is stored', async () => {
      const client = harness().client();
      const polluted = await client.get('/services/js/pollution-guest.js?step=pollute');
      expect(probeReport(polluted)).to.deep.equal({ list: 'true:3:ab1', 'object keys': 'k' });
      const read = await client.get('/services/js/pollution-guest.js?step=read');
      expect(read.json()).to.deep.include({ list: ['a', 'b', { c: 1 }], object: { k: 'v' } });
      await harness().expectContained(read);
    });

    it('attribute names like __proto__ are plain names; only data is stored; nothing is polluted', async () => {
      const client = harness().client();
      const written = (await client.get('/services/js/pollution-attributes.js?step=write')).json<
        Record<string, string>
      >();
      for (const name of [
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'prototype',
        'valueOf',
        '__defineGetter__',
        'getter',
        'toPrimitive',
        'protoKey',
        'date',
      ]) {
        expect(written[name], name).to.equal('stored');
      }
      expect(written['toJSON']).to.match(/^TypeError\|ERR_INVALID_ATTRIBUTE\|.*not data at \.toJSON: a function/);
      expect(written['valueOf obj']).to.match(/^TypeError\|ERR_INVALID_ATTRIBUTE\|.*not data at \.valueOf: a function/);
      expect(written['nameObject']).to.match(
        /^TypeError\|ERR_INVALID_ATTRIBUTE\|setAttribute: attribute name must be a non-empty string/,
      );
      const read = await client.get('/services/js/pollution-attributes.js?step=read');
      const { names, values, ownProto, objectAdmin } = read.json<{
        names: string[];
        values: Record<string, unknown>;
        ownProto: boolean;
        objectAdmin?: unknown;
      }>();
      expect(names).to.deep.equal([
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'prototype',
        'valueOf',
        '__defineGetter__',
        'getter',
        'toPrimitive',
        'protoKey',
        'date',
      ]);
      expect(values).to.deep.include({
        __proto__: 'value 0',
        constructor: 'value 1',
        toString: 'value 2',
        getter: { v: 'first' },
        toPrimitive: {},
        date: 5,
      });
      expect(values['protoKey']).to.deep.equal(JSON.parse('{"__proto__":{"admin":true},"plain":1}'));
      expect(ownProto).to.equal(true);
      expect(objectAdmin).to.equal(undefined);
      const stored = await harness().runtime.sessions.store.get(
        harness().runtime.sessions.storeKey(client.cookies.get('JSESSIONID') ?? ''),
      );
      expect(stored?.attributes.map(([name]) => name)).to.deep.equal(names);
      await harness().expectContained(read);
    });
  });
});
