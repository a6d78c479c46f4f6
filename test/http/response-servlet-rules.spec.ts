/**
 * The response rules Dirigible scripts meet on a servlet container, through a real worker:
 * `HttpCodesReasons`, null header values (removed or reset, never sent as text), and the
 * character encoding kept across content types.
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
});
