import { expect } from 'chai';
import { preferredLocale } from '../../../worker/facade/preferred-locale.js';

describe('request.getLocale: the preferred language of Accept-Language', () => {
  it('is en without a header, or with only * or tags of quality 0', () => {
    expect(preferredLocale(null)).to.equal('en');
    expect(preferredLocale('*')).to.equal('en');
    expect(preferredLocale('fr;q=0, *;q=0.5')).to.equal('en');
    expect(preferredLocale('')).to.equal('en');
  });

  it('is the tag of the highest quality, the first among equals', () => {
    expect(preferredLocale('de-CH')).to.equal('de-CH');
    expect(preferredLocale('fr;q=0.5, de')).to.equal('de');
    expect(preferredLocale('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).to.equal('fr-CH');
    expect(preferredLocale('en;q=0.8, bg;q=0.8')).to.equal('en');
    expect(preferredLocale(' * , it ;q=0.3')).to.equal('it');
  });

  it('takes a quality that does not parse, or lies outside 0..1, as 0', () => {
    expect(preferredLocale('fr;q=high, de;q=0.2')).to.equal('de');
    expect(preferredLocale('fr;q=2, de;q=0.2')).to.equal('de');
    expect(preferredLocale('fr;Q=0.1, de;q=0.2')).to.equal('de');
  });
});
