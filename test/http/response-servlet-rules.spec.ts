/**
 * The response rules Dirigible scripts meet on a servlet container, through a real worker:
 * `HttpCodesReasons`.
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
});
