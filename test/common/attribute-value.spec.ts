/**
 * The check of an attribute value's JSON text as it crosses a boundary (`isJsonText`): it accepts
 * exactly what `JSON.parse` accepts, by its quick scan of plain JSON strings or by parsing.
 */
import { expect } from 'chai';
import { isJsonText } from '../../common/attribute-value.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('isJsonText', () => {
  const texts = [
    '"value1"',
    '""',
    '"é ✓ 😀"',
    '"\ud800"',
    `"${'s'.repeat(300_000)}"`,
    '"a\\"b"',
    '"a\\\\"',
    '"a\\u0041\\n"',
    ' "padded" ',
    '42',
    '-1.5e3',
    'true',
    'null',
    '[1,"a",{"b":null}]',
    '{"a":"b"}',
    '"',
    '"a',
    'a"',
    '"a"b"',
    '"a"x',
    '"tab\there"',
    '"line\nbreak"',
    '"nul\u0000"',
    '"a\\"',
    '"a\\x41"',
    '"a\\u00"',
    "'single'",
    'undefined',
    'NaN',
    '',
    '{"a":1,}',
  ];

  for (const text of texts) {
    const shown = text.length > 40 ? `${text.slice(0, 20)}… (${text.length} characters)` : JSON.stringify(text);
    it(`${parses(text) ? 'accepts' : 'refuses'} ${shown}, as JSON.parse does`, () => {
      expect(isJsonText(text)).to.equal(parses(text));
    });
  }

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, {}, ['"a"']]) expect(isJsonText(value)).to.equal(false);
  });
});
