/** Request header text: UTF-8 bytes that Node read as Latin-1 are read back as UTF-8. */
import { expect } from 'chai';
import { utf8HeaderText } from '../../../worker/facade/header-text.js';

describe('utf8HeaderText', () => {
  it('decodes UTF-8 bytes read as Latin-1', () => {
    expect(utf8HeaderText(Buffer.from('city=Köln ✓ 😀', 'utf8').toString('latin1'))).to.equal('city=Köln ✓ 😀');
  });

  it('keeps ASCII, and Latin-1 text that is not UTF-8, as it is', () => {
    expect(utf8HeaderText('a=b; c=d%20e')).to.equal('a=b; c=d%20e');
    expect(utf8HeaderText('city=K\xf6ln')).to.equal('city=K\xf6ln');
  });
});
