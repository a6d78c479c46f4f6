/**
 * Session cookie options (name, path, domain, secure true/false/auto, sameSite, maxAge,
 * partitioned) and `trustProxy`: what each writes, and the start-up error naming each bad one.
 */
import { expect } from 'chai';
import { stringifySetCookie } from 'cookie';
import { clearedSessionCookieHeader, resolveCookieOptions, sessionCookieHeader } from '../../../main/session/cookie.js';
import { createRuntime } from '../../../main/server/runtime.js';
import type { RuntimeOptions } from '../../../main/server/options.js';
import { scriptsDir } from '../../support/paths.js';
import { startRuntime } from '../../support/runtime-harness.js';

const ID = 'abcdefghijklmnopqrstuvwxyzABCDEF';

function header(options: Parameters<typeof resolveCookieOptions>[0], secureRequest = false): string {
  return sessionCookieHeader(ID, resolveCookieOptions(options), secureRequest);
}

describe('session cookie options', () => {
  describe('what each option writes', () => {
    it('defaults: JSESSIONID, Path=/, HttpOnly, SameSite=Lax, no Domain, no Max-Age (a browser-session cookie), Secure only on TLS', () => {
      expect(header({})).to.equal(`JSESSIONID=${ID}; Path=/; HttpOnly; SameSite=Lax`);
      expect(header({}, true)).to.equal(`JSESSIONID=${ID}; Path=/; HttpOnly; Secure; SameSite=Lax`);
    });

    it('name', () => expect(header({ name: 'SID' })).to.match(new RegExp(`^SID=${ID}; `)));
    it('path', () => expect(header({ path: '/services/js' })).to.include('; Path=/services/js;'));
    it('domain', () => expect(header({ domain: 'example.com' })).to.include('; Domain=example.com'));
    it('secure: true always, false never, "auto" on secure requests', () => {
      expect(header({ secure: true })).to.include('; Secure');
      expect(header({ secure: false }, true)).to.not.include('Secure');
      expect(header({ secure: 'auto' })).to.not.include('Secure');
      expect(header({ secure: 'auto' }, true)).to.include('; Secure');
    });
    it('sameSite: strict, none, or false for no attribute', () => {
      expect(header({ sameSite: 'strict' })).to.include('; SameSite=Strict');
      expect(header({ sameSite: 'none' }, true)).to.include('; Secure; SameSite=None');
      expect(header({ sameSite: false })).to.not.include('SameSite');
    });
    it('maxAge', () => expect(header({ maxAge: 600 })).to.include('; Max-Age=600'));
    it('partitioned', () => expect(header({ partitioned: true }, true)).to.include('; Partitioned'));
    it("is cookie's stringifySetCookie text for every option and TLS or not, however often it is written", () => {
      const optionSets: Array<Parameters<typeof resolveCookieOptions>[0]> = [
        {},
        { name: 'SID', path: '/services/js', domain: 'example.com', maxAge: 600 },
        { secure: true, sameSite: 'none', partitioned: true },
        { secure: false, sameSite: false },
        { sameSite: 'strict' },
      ];
      for (const given of optionSets) {
        const options = resolveCookieOptions(given);
        for (const secureRequest of [false, true, false, true]) {
          const secure = options.secure === 'auto' ? secureRequest : options.secure;
          const expected = stringifySetCookie(options.name, ID, {
            path: options.path,
            httpOnly: true,
            secure,
            ...(options.sameSite === false ? {} : { sameSite: options.sameSite }),
            ...(options.domain === undefined ? {} : { domain: options.domain }),
            ...(options.partitioned ? { partitioned: true } : {}),
            ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
          });
          expect(sessionCookieHeader(ID, options, secureRequest)).to.equal(expected);
        }
      }
    });

    it('the cleared cookie keeps the attributes and expires at once', () => {
      const cleared = clearedSessionCookieHeader(
        resolveCookieOptions({ name: 'SID', path: '/app', domain: 'example.com' }),
        false,
      );
      expect(cleared).to.match(
        /^SID=; Max-Age=0; Domain=example.com; Path=\/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/,
      );
    });
  });

  describe('start-up errors name the option', () => {
    const bad: Array<[string, Partial<RuntimeOptions>]> = [
      ['cookie.name', { cookie: { name: 'my session' } }],
      ['cookie.path', { cookie: { path: 'services' } }],
      ['cookie.path', { cookie: { path: '/a;b' } }],
      ['cookie.domain', { cookie: { domain: 'exa mple.com' } }],
      ['cookie.secure', { cookie: { secure: 'yes' as unknown as boolean } }],
      ['cookie.sameSite', { cookie: { sameSite: 'loose' as 'lax' } }],
      ['cookie.sameSite', { cookie: { sameSite: 'none', secure: false } }],
      ['cookie.maxAge', { cookie: { maxAge: 0 } }],
      ['cookie.maxAge', { cookie: { maxAge: 1.5 } }],
      ['cookie.partitioned', { cookie: { partitioned: 'yes' as unknown as boolean } }],
      ['cookie.partitioned', { cookie: { partitioned: true, secure: false } }],
      ['cookie.httpOnly', { cookie: { httpOnly: false } as object }],
      ['trustProxy', { trustProxy: 'yes' as unknown as boolean }],
      ['urlRewriting', { urlRewriting: 1 as unknown as boolean }],
      ['applicationName', { applicationName: 'my app' }],
      ['initParameters', { initParameters: { retries: 3 as unknown as string } }],
      ['absoluteTimeout', { absoluteTimeout: -5 }],
      ['listeners[0]', { listeners: [{} as never] }],
    ];
    it('cookie.secure given as the string "true" says to write the boolean', () => {
      expect(() =>
        createRuntime({ root: scriptsDir, workers: 1, cookie: { secure: 'true' as unknown as boolean } }),
      ).to.throw('must be true, false or "auto" (the boolean true, not the string "true")');
    });
    for (const [option, options] of bad) {
      it(`${option}: ${JSON.stringify(options)}`, () => {
        expect(() => createRuntime({ root: scriptsDir, workers: 1, ...options }))
          .to.throw(`option "${option}"`)
          .with.property('code', 'ERR_INVALID_OPTION');
      });
    }
  });

  describe('over HTTP', () => {
    it('a runtime with every option set writes them, and reads the renamed cookie back', async () => {
      const harness = await startRuntime({
        trustProxy: true,
        cookie: {
          name: 'SID',
          path: '/services/js',
          domain: 'localhost',
          secure: 'auto',
          sameSite: 'strict',
          maxAge: 600,
          partitioned: true,
        },
      });
      try {
        const client = harness.client();
        const first = await client.request('/services/js/session-info.js?set=a&value=1', {
          headers: { 'x-forwarded-proto': 'https' },
        });
        expect(first.setCookies).to.have.length(1);
        expect(first.setCookies[0]).to.match(
          /^SID=[A-Za-z0-9_-]{32}; Max-Age=600; Domain=localhost; Path=\/services\/js; HttpOnly; Secure; Partitioned; SameSite=Strict$/,
        );
        const second = await client.get('/services/js/session-info.js');
        expect(second.json<{ isNew: boolean; attributes: object }>()).to.deep.include({
          isNew: false,
          attributes: { a: '1' },
        });
        const plain = await harness.client().get('/services/js/session-info.js?set=a&value=1');
        expect(plain.setCookies[0]).to.not.include('Secure');
      } finally {
        await harness.close();
      }
    });

    it('without trustProxy, X-Forwarded-Proto is ignored', async () => {
      const harness = await startRuntime();
      try {
        const response = await harness
          .client()
          .request('/services/js/session-info.js?set=a&value=1', { headers: { 'x-forwarded-proto': 'https' } });
        expect(response.setCookies[0])
          .to.match(/^JSESSIONID=/)
          .and.not.include('Secure');
      } finally {
        await harness.close();
      }
    });
  });
});
