/**
 * Dirigible's utils modules over HTTP: Dirigible 10's own utils-tests (as our scripts making the
 * same calls, test/fixtures/scripts/utils/utils-tests, each naming the Dirigible file it follows),
 * which pass with 200 as on Dirigible; Dirigible 4 to 9's CommonJS modules under both their names,
 * with the answers of commons-codec, Java's URLEncoder, URLDecoder and UUID, Guava's escapers and
 * commons-lang3's StringEscapeUtils (digests by node:crypto, checked against their known values);
 * and sdk/utils's classes.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../support/runtime-harness.js';

const DIRIGIBLE_TESTS = [
  'base64-decode.js',
  'base64-encode.js',
  'digest-md5.js',
  'digest-md5Hex.js',
  'digest-sha1.js',
  'digest-sha1Hex.js',
  'digest-sha256.js',
  'digest-sha384.js',
  'digest-sha512.js',
  'escape-csv.js',
  'escape-html3.js',
  'escape-html4.js',
  'escape-java.js',
  'escape-javascript.js',
  'escape-json.js',
  'escape-xml.js',
  'unescape-csv.js',
  'unescape-html3.js',
  'unescape-html4.js',
  'unescape-java.js',
  'unescape-javascript.js',
  'unescape-json.js',
  'unescape-xml.js',
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
      // Java's messages: Integer.parseInt's NumberFormatException, and URLDecoder's own for a sign.
      urlDecodeIllegal: `${invalid}URL.decode: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 1 in: "4z"`,
      urlDecodeNegative: `${invalid}URL.decode: URLDecoder: Illegal hex characters in escape (%) pattern - negative value`,
      urlDecodeSigned: '\u00041\u0000',
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

  it("Dirigible 4 to 9's utils/digest and utils/escape answer as DigestFacade and EscapeFacade", async () => {
    const response = await get('digest-escape.js');
    expect(response.status, response.text).to.equal(200);
    const invalid = 'TypeError ERR_INVALID_ARG: ';
    expect(response.json()).to.deep.equal({
      same: true,
      md5Text: '49c5f675b49037b6044b803ac9d1a6d7',
      // Java's signed -1 is the byte 255.
      md5Signed: 'ab2a0d28de6b77ffdd6c72afead099ab',
      // SHA-1 of nothing; Dirigible answers Java's signed bytes (-38, 57, -93, ...), here 0-255.
      sha1Bytes: [218, 57, 163, 238, 94, 107, 75, 13, 50, 85, 191, 239, 149, 96, 24, 144, 175, 216, 7, 9],
      sha256Hex: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      sha384Hex: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
      sha512Hex:
        'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
      digestBad: `${invalid}Digest.md5: element 0 is not a byte`,
      digestNone: `${invalid}Digest.sha1: the input is neither text nor an array of bytes`,
      csv: ['plain', '"say ""hi"""', '"a\nb"'],
      // A quoted value without a special character keeps its quotes, as commons-lang3's CsvUnescaper.
      unCsv: ['a,"b"', '"plain"', '"'],
      java: '\\"\\\\/\'\\u0001\u007f\\u00E9\\uD83D\\uDE00',
      javascript: '\\"\\\\\\/\\\'\u007f',
      json: '\\"\\\\\\/\'\\u007F\\u00E9',
      // Octal escapes take a third digit only after 0-3 (\400 is \40 and 0); a backslash before another character is dropped.
      unJava: 'A\u0000 0\u00e9Aq"\'\\/',
      unJavaBad: `${invalid}Escape.unescapeJava: Less than 4 hex digits in unicode value: '\\u12' due to end of CharSequence`,
      unJavaHex: `${invalid}Escape.unescapeJava: Unable to parse unicode value: 12zz`,
      html3: "&lt;&eacute;€α'&gt;",
      html4: "&lt;&eacute;&euro;&alpha;'&gt; &amp;",
      // Numeric entities need their `;`; &apos; is XML's, not HTML 4's; &amp;amp; is read once.
      unHtml4: 'é€ΑABC😀&#65&apos;&nope;&amp;',
      unHtml3: 'é&euro;',
      xml: '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;é&lt;/a&gt;',
      unXml: "<'&eacute;é",
      nulls: [null, null],
      notText: `${invalid}Escape.escapeHtml4: the input is not text`,
    });
  });

  it("Dirigible 10's sdk/utils Digest and Escape: the classes under both names and their modules", async () => {
    const response = await get('sdk-digest-escape.mjs');
    expect(response.status, response.text).to.equal(200);
    expect(response.json()).to.deep.equal({
      same: true,
      md5: '902fbdd2b1df0c4f70b4a5d23525e932',
      html: '<ü>',
      frozen: true,
    });
  });
});
