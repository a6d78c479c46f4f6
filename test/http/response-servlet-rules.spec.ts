/**
 * The response rules Dirigible scripts meet on a servlet container, through a real worker:
 * `HttpCodesReasons`, null header values (removed or reset, never sent as text), the character
 * encoding kept across content types, and cookies in both shapes (SameSite in any case, Dirigible
 * 10's `{ name, value, attributes }`), invalid ones refused with `ERR_INVALID_ARG`.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('response: servlet rules Dirigible scripts rely on', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  describe('HttpCodesReasons', () => {
    let seen: Record<string, unknown>;
    before(async () => {
      seen = (await harness.client().get('/services/js/response/reasons.js')).json();
    });

    it("answers the reason phrase of a code given as text or number, as in Dirigible's REST guide", () => {
      expect(seen).to.deep.include({ guide: 'Not Found', byNumber: 'Internal Server Error', byKey: 'Created' });
    });

    it("has Dirigible's 41 codes; getReason answers undefined for another code", () => {
      expect(seen).to.deep.include({ codes: 41, unknown: 'undefined' });
    });

    it('getReason refuses a code that is not a number with a TypeError ERR_INVALID_ARG', () => {
      expect(seen['notANumber']).to.equal(
        'TypeError|ERR_INVALID_ARG|HttpCodesReasons.getReason: "teapot" is not an HTTP status code',
      );
    });

    it('getReason refuses null, empty text and a boolean too (Number() would read them as 0 or 1)', () => {
      expect(seen['noCode']).to.deep.equal([
        'ERR_INVALID_ARG',
        'ERR_INVALID_ARG',
        'ERR_INVALID_ARG',
        'ERR_INVALID_ARG',
      ]);
    });

    it('is frozen, and the same object in http/v3/response, http/response and the SDK Response', () => {
      expect(seen).to.deep.include({ frozen: true, sameInV3: true, sameInAlias: true, sdk: 'Bad Request' });
    });
  });

  describe('null and undefined header values', () => {
    const get = (name: string) => harness.client().get(`/services/js/response/header-values.js?case=${name}`);

    it('setHeader removes the header, addHeader does nothing, setContentType removes Content-Type', async () => {
      const response = await get('nulls');
      expect(response.json()).to.deep.equal({ contentType: null, names: ['X-A'], added: ['kept'] });
      expect(response.headers.get('x-u')).to.equal(null);
      expect(response.headers.get('x-n')).to.equal(null);
      expect(response.headers.get('x-a')).to.equal('kept');
    });

    it('setContentType(null) sends the runtime\'s default type, never the text "null" or "undefined"', async () => {
      const response = await get('null-content-type');
      expect(response.json()).to.deep.equal({ contentType: null });
      expect(response.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
    });

    it('change nothing once the response is committed', async () => {
      const response = await get('null-after-flush');
      expect(response.headers.get('x-kept')).to.equal('yes');
    });
  });

  describe('character encoding and content type', () => {
    let seen: Record<string, unknown>;
    let contentType: string | null;
    before(async () => {
      const response = await harness.client().get('/services/js/response/header-values.js?case=encoding');
      seen = response.json();
      contentType = response.headers.get('content-type');
    });

    it('setCharacterEncoding then setContentType without a charset keeps the encoding', () => {
      expect(seen['afterEncoding']).to.equal('text/plain;charset=ISO-8859-1');
      expect(seen['afterType']).to.equal('application/json;charset=ISO-8859-1');
    });

    it('a content type with a charset sets the encoding for the next one', () => {
      expect(seen['typeCharsetKept']).to.equal('text/plain;charset=UTF-16');
    });

    it('setCharacterEncoding(null), setContentType(null) and reset() take the encoding away', () => {
      expect(seen['encodingReset']).to.deep.equal(['text/plain', 'UTF-8']);
      expect(seen['afterReset']).to.equal('text/csv');
      expect(seen['typeReset']).to.equal('text/xml');
      expect(seen['afterResponseReset']).to.equal('text/css');
    });

    it('setHeader and addHeader of Content-Type are setContentType: one value, the encoding kept', () => {
      expect(seen['byHeader']).to.deep.equal(['application/json;charset=ISO-8859-1']);
      expect(seen['encoding']).to.equal('ISO-8859-1');
      expect(contentType).to.equal('application/json;charset=ISO-8859-1');
    });
  });

  describe('addCookie', () => {
    const get = (name: string) => harness.client().get(`/services/js/response/cookies.js?case=${name}`);

    it('takes sameSite in any case', async () => {
      expect((await get('same-site')).setCookies).to.deep.equal([
        's=1; SameSite=Strict',
        'l=2; SameSite=Lax',
        'n=3; Secure; SameSite=None',
      ]);
    });

    it("takes Dirigible 10's { name, value, attributes }, attribute names in any case, others sent as written", async () => {
      expect((await get('attributes')).setCookies).to.deep.equal([
        'sdk=v; Max-Age=3600; Domain=example.com; Path=/app; HttpOnly; Secure; SameSite=Strict; Priority=High',
        'flags=off; Partitioned',
        'both=x; Max-Age=60; Path=/attribute',
        'session=y; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
      ]);
    });

    it('takes the fields of a servlet 4 Cookie; comment and version are not sent (RFC 6265 has neither)', async () => {
      expect((await get('servlet4')).setCookies).to.deep.equal(['old=z; Max-Age=10; HttpOnly']);
    });

    it('refuses what it cannot send with a TypeError ERR_INVALID_ARG naming the field, and sets nothing', async () => {
      const response = await get('refused');
      expect(response.setCookies).to.deep.equal([]);
      const seen = response.json<Record<string, string>>();
      const prefix = 'TypeError|ERR_INVALID_ARG|addCookie: ';
      expect(seen).to.deep.equal({
        sameSite: `${prefix}sameSite must be "Strict", "Lax" or "None", not "sometimes"`,
        maxAge: `${prefix}maxAge must be a number of seconds, not "soon"`,
        secure: `${prefix}secure must be true or false, not "yes"`,
        typo: `${prefix}unknown cookie field "httponly"`,
        noName: `${prefix}the cookie has no name`,
        notObject: `${prefix}the cookie must be an object { name, value, … }, not "a=1"`,
        badName: `${prefix}argument name is invalid: a b`,
        attributeSameSite: `${prefix}attribute "SameSite" must be "Strict", "Lax" or "None", not "Sometimes"`,
        attributeFlag: `${prefix}attribute "HttpOnly" must be "", "true" or "false", not "yes"`,
        attributeName: `${prefix}attribute "Bad Name" is not a valid attribute name`,
        attributeValue: `${prefix}attribute "Note" has a value a header cannot carry`,
        attributesArray: `${prefix}attributes must be an object, not an array`,
        expires: `${prefix}attribute "Expires" must be a date, not "someday"`,
      });
    });
  });
});
