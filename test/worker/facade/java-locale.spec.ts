import { expect } from 'chai';
import { javaLocaleText } from '../../../worker/facade/java-locale.js';

describe("javaLocaleText: a language tag as Java writes the Locale (Dirigible's getLocale)", () => {
  it("writes language and region with _ in Java's cases", () => {
    expect(javaLocaleText('en')).to.equal('en');
    expect(javaLocaleText('de-CH')).to.equal('de_CH');
    expect(javaLocaleText('en-us')).to.equal('en_US');
    expect(javaLocaleText('EN-GB')).to.equal('en_GB');
    expect(javaLocaleText('es-419')).to.equal('es_419');
  });

  it('puts variants after the region and the script last, after _#', () => {
    expect(javaLocaleText('de-AT-1996')).to.equal('de_AT_1996');
    expect(javaLocaleText('de-DE-POSIX')).to.equal('de_DE_POSIX');
    expect(javaLocaleText('zh-Hant-TW')).to.equal('zh_TW_#Hant');
    expect(javaLocaleText('sr-latn')).to.equal('sr__#Latn');
  });

  it('leaves out extensions and what is ill-formed; a tag without a language is the root locale ""', () => {
    expect(javaLocaleText('de-CH-u-co-phonebk')).to.equal('de_CH');
    expect(javaLocaleText('en-US-x-private')).to.equal('en_US');
    expect(javaLocaleText('en-US-!!')).to.equal('en_US');
    expect(javaLocaleText('en_US')).to.equal('');
    expect(javaLocaleText('')).to.equal('');
  });

  it('takes und as no language (Locale.forLanguageTag maps it to ""): the root locale, or the region alone', () => {
    expect(javaLocaleText('und')).to.equal('');
    expect(javaLocaleText('und-US')).to.equal('_US');
    expect(javaLocaleText('und-CH-1996')).to.equal('_CH_1996');
    expect(javaLocaleText('und-Latn')).to.equal('');
  });
});
