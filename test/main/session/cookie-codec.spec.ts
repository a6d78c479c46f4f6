/**
 * The session cookie codec (built on the `cookie` package).
 */
import { expect } from 'chai';
import {
  clearedSessionCookieHeader,
  readSessionCookie,
  resolveCookieOptions,
  sessionCookieHeader,
} from '../../../main/session/cookie.js';

describe('session cookie', () => {
  const defaults = resolveCookieOptions();

  it('defaults to JSESSIONID, Path=/, HttpOnly, SameSite=Lax, no Secure over plain HTTP', () => {
    expect(sessionCookieHeader('abc', defaults, false)).to.equal('JSESSIONID=abc; Path=/; HttpOnly; SameSite=Lax');
  });

  it('adds Secure when the request came over TLS (secure: auto)', () => {
    expect(sessionCookieHeader('abc', defaults, true)).to.include('; Secure');
  });

  it('clears the cookie with Max-Age=0 and an expiry in the past', () => {
    const header = clearedSessionCookieHeader(defaults, false);
    expect(header).to.match(/^JSESSIONID=; /);
    expect(header).to.include('Max-Age=0');
    expect(header).to.include('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('reads the session id among other cookies, and nothing from malformed headers', () => {
    expect(readSessionCookie('a=1; JSESSIONID=xyz; b=2', 'JSESSIONID')).to.equal('xyz');
    expect(readSessionCookie(undefined, 'JSESSIONID')).to.equal(undefined);
    expect(readSessionCookie(';;;===', 'JSESSIONID')).to.equal(undefined);
  });

  it('rejects bad options naming them', () => {
    expect(() => resolveCookieOptions({ name: 'bad name' })).to.throw(/cookie.name/);
    expect(() => resolveCookieOptions({ path: 'relative' })).to.throw(/cookie.path/);
    expect(() => resolveCookieOptions({ maxAge: -5 })).to.throw(/cookie.maxAge/);
  });
});
