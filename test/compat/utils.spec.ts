/**
 * Dirigible's utils modules over HTTP: Dirigible 10's own utils-tests (as our scripts making the
 * same calls, test/fixtures/scripts/utils/utils-tests, each naming the Dirigible file it follows),
 * which pass with 200 as on Dirigible; Dirigible 4 to 9's CommonJS modules under both their names,
 * with the answers of commons-codec, Java's URLEncoder, URLDecoder and UUID, and Guava's escapers;
 * and sdk/utils's classes.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../support/runtime-harness.js';

const DIRIGIBLE_TESTS = [
  'base64-decode.js',
  'base64-encode.js',
  'hex-decode.js',
  'hex-encode.js',
  'url-decode.js',
  'url-encode.js',
  'url-escape.js',
  'url-escape-path.js',
  'url-escape-form.js',
];

describe("Dirigible's utils modules (utils/*, sdk/utils)", () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const get = (path: string) => harness.client().get(`/services/js/utils/${path}`);

  for (const test of DIRIGIBLE_TESTS) {
    it(`Dirigible 10's utils-tests/${test} passes`, async () => {
      const response = await get(`utils-tests/${test}`);
      expect(response.status, response.text).to.equal(200);
    });
  }

  it("Dirigible 4 to 9's modules answer as Dirigible's facades", async () => {
    const response = await get('legacy.js');
    expect(response.status, response.text).to.equal(200);
    const answers = response.json<Record<string, unknown>>();
    expect(answers['uuidRandom']).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    delete answers['uuidRandom'];
    const invalid = 'TypeError ERR_INVALID_ARG: ';
    expect(answers).to.deep.equal({
      base64Text: 'w7zigqw=',
      base64Bytes: [47, 47, 56, 61],
      // Line breaks and characters outside the alphabet skipped; decoding stops at the first `=`.
      base64Decode: [0xc3, 0xbc, 0xe2, 0x82, 0xac],
      base64UrlSafe: [0xfb, 0xff],
      base64Same: true,
      hexText: 'c3bc',
      hexDecode: [0xc3, 0xbc],
      hexOdd: `${invalid}Hex.decode: Odd number of characters.`,
      hexIllegal: `${invalid}Hex.decode: Illegal hexadecimal character z at index 0`,
      urlEncodeLatin1: '%FC+%3F',
      urlDecodeLatin1: 'ü x',
      urlDecodeBad: `${invalid}URL.decode: URLDecoder: Incomplete trailing escape (%) pattern`,
      urlCharset: `${invalid}URL.encode: unsupported charset EBCDIC`,
      utf8Encode: [97, 0xc3, 0xbc, 0xf0, 0x9f, 0x98, 0x80, 63],
      utf8Decode: 'aü😀\ufffd\ufffd',
      utf8Slice: 'i!',
      utf8Range: `${invalid}UTF8.bytesToString: offset 0 and length 2 are out of the 1 bytes`,
      uuidValid: [true, true, true, false, false, false, false],
    });
  });

  it("Dirigible 10's sdk/utils: the classes under both names, a class per sdk/utils/<name>", async () => {
    const response = await get('sdk.mjs');
    expect(response.status, response.text).to.equal(200);
    expect(response.json()).to.deep.equal({ same: true, round: 'Grüße', url: 'a+b', valid: true, frozen: true });
  });
});
