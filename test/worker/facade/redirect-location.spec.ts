/** `sendRedirect`'s Location: non-ASCII text percent-encoded as UTF-8, unsafe ASCII (a space …) encoded, other ASCII as written. */
import { expect } from 'chai';
import { redirectLocation } from '../../../worker/facade/redirect-location.js';

describe('redirectLocation', () => {
  it('percent-encodes non-ASCII characters as UTF-8', () => {
    expect(redirectLocation('landing.js?city=Köln✓')).to.equal('landing.js?city=K%C3%B6ln%E2%9C%93');
    expect(redirectLocation('/wiki/日本#😀')).to.equal('/wiki/%E6%97%A5%E6%9C%AC#%F0%9F%98%80');
  });

  it('keeps ASCII as written: escapes already there, and line breaks for the header check to refuse', () => {
    expect(redirectLocation('https://example.com/a%20b?q=1&r=%C3%BC')).to.equal(
      'https://example.com/a%20b?q=1&r=%C3%BC',
    );
    expect(redirectLocation('a\r\nSet-Cookie:x=1')).to.equal('a\r\nSet-Cookie:x=1');
  });

  it('percent-encodes the ASCII no URL part may hold as it is: space, quotes, angle brackets, backtick', () => {
    expect(redirectLocation('/x/Köln am Rhein?q=a b#see "this" <now> `x`')).to.equal(
      '/x/K%C3%B6ln%20am%20Rhein?q=a%20b#see%20%22this%22%20%3Cnow%3E%20%60x%60',
    );
    expect(redirectLocation("https://example.com/a|b{c}^d\\e'f")).to.equal("https://example.com/a|b{c}^d\\e'f");
  });

  it('refuses a lone surrogate with ERR_INVALID_ARG naming sendRedirect', () => {
    expect(() => redirectLocation('a\ud800b'))
      .to.throw(/^sendRedirect: .*lone surrogate/)
      .with.property('code', 'ERR_INVALID_ARG');
  });
});
