/**
 * utf8Text reads UTF-8 bytes as the text they encode, whether it takes the Latin-1 way (a long run
 * of ASCII) or not, and only the range asked for.
 */
import { expect } from 'chai';
import { utf8Text } from '../../common/utf8-text.js';

describe('utf8Text', () => {
  const cases: Array<[string, string]> = [
    ['short ASCII', 'abc"\\'],
    ['long ASCII', 'x"\\\n'.repeat(5000)],
    ['short non-ASCII', 'é✓😀'],
    ['long non-ASCII', `${'a'.repeat(10_000)}é✓😀${'b'.repeat(10_000)}`],
    ['long, one byte over 0x7f at the end', `${'a'.repeat(10_000)}\u0080`],
  ];
  for (const [name, text] of cases) {
    it(`reads ${name} as it was written, in the middle of other bytes`, () => {
      const before = Buffer.from('ü pre ');
      const bytes = Buffer.concat([before, Buffer.from(text), Buffer.from(' post ü')]);
      expect(utf8Text(bytes, before.length, before.length + Buffer.byteLength(text))).to.equal(text);
    });
  }
});
