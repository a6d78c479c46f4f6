/*
 * utils/escape (Dirigible 4 to 9; also utils/v4/escape): Dirigible's EscapeFacade, which is
 * commons-lang3's StringEscapeUtils: CSV (RFC 4180 quoting), Java, JavaScript (ECMAScript) and
 * JSON string escapes, HTML 3.2 and 4.0 entities, and XML's five entities; each `unescape...` reads
 * them back (and `&#...;` numeric entities for HTML and XML). `null` and `undefined` answer null, as
 * Java's null does; another non-text input is ERR_INVALID_ARG. Runs in the sandbox. See docs/utils.md.
 */
'use strict';
const { call } = kernel;

const BASIC = [
  ['"', 'quot'],
  ['&', 'amp'],
  ['<', 'lt'],
  ['>', 'gt'],
];
const APOS = [["'", 'apos']];
// HTML 3.2: the ISO-8859-1 characters U+00A0 to U+00FF, by entity name in code order.
const ISO8859_1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');
const ISO8859_1 = ISO8859_1_NAMES.map((name, i) => [String.fromCharCode(0xa0 + i), name]);
const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho';
const GREEK_UPPER_2 = 'Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau ' +
  'upsilon phi chi psi omega';
/** Names from `first` up, one code point each. */
const run = (first, names) => names.split(' ').map((name, i) => [String.fromCharCode(first + i), name]);
// HTML 4.0's further entities: symbols, mathematical and Greek letters, and the special characters.
const HTML40_EXTENDED = [
  ...run(913, GREEK_UPPER),
  ...run(931, GREEK_UPPER_2),
  ...run(945, GREEK_LOWER),
  ...Object.entries({
    fnof: 402,
    thetasym: 977,
    upsih: 978,
    piv: 982,
    bull: 8226,
    hellip: 8230,
    prime: 8242,
    Prime: 8243,
    oline: 8254,
    frasl: 8260,
    weierp: 8472,
    image: 8465,
    real: 8476,
    trade: 8482,
    alefsym: 8501,
    larr: 8592,
    uarr: 8593,
    rarr: 8594,
    darr: 8595,
    harr: 8596,
    crarr: 8629,
    lArr: 8656,
    uArr: 8657,
    rArr: 8658,
    dArr: 8659,
    hArr: 8660,
    forall: 8704,
    part: 8706,
    exist: 8707,
    empty: 8709,
    nabla: 8711,
    isin: 8712,
    notin: 8713,
    ni: 8715,
    prod: 8719,
    sum: 8721,
    minus: 8722,
    lowast: 8727,
    radic: 8730,
    prop: 8733,
    infin: 8734,
    ang: 8736,
    and: 8743,
    or: 8744,
    cap: 8745,
    cup: 8746,
    int: 8747,
    there4: 8756,
    sim: 8764,
    cong: 8773,
    asymp: 8776,
    ne: 8800,
    equiv: 8801,
    le: 8804,
    ge: 8805,
    sub: 8834,
    sup: 8835,
    nsub: 8836,
    sube: 8838,
    supe: 8839,
    oplus: 8853,
    otimes: 8855,
    perp: 8869,
    sdot: 8901,
    lceil: 8968,
    rceil: 8969,
    lfloor: 8970,
    rfloor: 8971,
    lang: 9001,
    rang: 9002,
    loz: 9674,
    spades: 9824,
    clubs: 9827,
    hearts: 9829,
    diams: 9830,
    OElig: 338,
    oelig: 339,
    Scaron: 352,
    scaron: 353,
    Yuml: 376,
    circ: 710,
    tilde: 732,
    ensp: 8194,
    emsp: 8195,
    thinsp: 8201,
    zwnj: 8204,
    zwj: 8205,
    lrm: 8206,
    rlm: 8207,
    ndash: 8211,
    mdash: 8212,
    lsquo: 8216,
    rsquo: 8217,
    sbquo: 8218,
    ldquo: 8220,
    rdquo: 8221,
    bdquo: 8222,
    dagger: 8224,
    Dagger: 8225,
    permil: 8240,
    lsaquo: 8249,
    rsaquo: 8250,
    euro: 8364,
  }).map(([name, code]) => [String.fromCharCode(code), name]),
];

/** An entity table: character to `&name;` and back. */
function entities(...tables) {
  const escapes = new Map();
  const unescapes = new Map();
  for (const [character, name] of tables.flat()) {
    escapes.set(character, `&${name};`);
    unescapes.set(`&${name};`, character);
  }
  return { escapes, unescapes };
}
const XML = entities(BASIC, APOS);
const HTML3 = entities(BASIC, ISO8859_1);
const HTML4 = entities(BASIC, ISO8859_1, HTML40_EXTENDED);

/** Text, or null for null and undefined; ERR_INVALID_ARG for anything else. */
function textOf(input, method) {
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') call('utils', 'invalid', `Escape.${method}`, 'the input is not text');
  return input;
}

/** A function of text that is null for null and `translate(text, method)` for text. */
function translator(method, translate) {
  return (input) => {
    const text = textOf(input, method);
    return text === null ? null : translate(text, method);
  };
}

/** Each character that `table` names replaced by its entity. */
function escapeEntities(text, table) {
  let out = '';
  for (const character of text) out += table.escapes.get(character) ?? character;
  return out;
}

/** `&#123;` and `&#x7b;` (the `;` required) as the character; anything else as it is (0 consumed). */
function numericEntity(text, index, out) {
  if (text[index + 1] !== '#' || index >= text.length - 2) return 0;
  let start = index + 2;
  const hexadecimal = text[start] === 'x' || text[start] === 'X';
  if (hexadecimal) start++;
  const digits = hexadecimal ? /[0-9a-fA-F]/ : /[0-9]/;
  let end = start;
  while (end < text.length && digits.test(text[end])) end++;
  if (end === start || text[end] !== ';') return 0;
  const value = Number.parseInt(text.slice(start, end), hexadecimal ? 16 : 10);
  if (value > 0x10ffff) return 0;
  out.push(String.fromCodePoint(value));
  return end + 1 - index;
}

/** Named entities of `table` and, when `numeric`, numeric ones read back into characters. */
function unescapeEntities(text, table) {
  const out = [];
  let index = 0;
  while (index < text.length) {
    if (text[index] === '&') {
      const semicolon = text.indexOf(';', index);
      const character = semicolon < 0 ? undefined : table.unescapes.get(text.slice(index, semicolon + 1));
      if (character !== undefined) {
        out.push(character);
        index = semicolon + 1;
        continue;
      }
      const consumed = numericEntity(text, index, out);
      if (consumed > 0) {
        index += consumed;
        continue;
      }
    }
    out.push(text[index]);
    index++;
  }
  return out.join('');
}

const CONTROL_ESCAPES = new Map([
  ['\b', '\\b'],
  ['\n', '\\n'],
  ['\t', '\\t'],
  ['\f', '\\f'],
  ['\r', '\\r'],
]);

/** A `\uXXXX` escape (upper-case digits) of a UTF-16 code unit. */
const unicodeEscape = (unit) => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Java-style escaping: `quoted` characters get a backslash, control characters their letter escape,
 * and every other UTF-16 unit outside U+0020 to `highest` a `\uXXXX` escape.
 */
function escapeString(text, quoted, highest) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    const unit = text.charCodeAt(i);
    if (quoted.includes(character)) out += `\\${character}`;
    else if (CONTROL_ESCAPES.has(character)) out += CONTROL_ESCAPES.get(character);
    else if (unit < 0x20 || unit > highest) out += unicodeEscape(unit);
    else out += character;
  }
  return out;
}

const CONTROL_UNESCAPES = { b: '\b', n: '\n', t: '\t', f: '\f', r: '\r', '\\': '\\', '"': '"', "'": "'" };
const OCTAL = /[0-7]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * commons-lang3's UNESCAPE_JAVA: octal `\0` to `\377`, `\uXXXX` (more `u`s and a `+` allowed),
 * `\b \n \t \f \r \\ \" \'`, and a backslash before anything else dropped. A `\u` without four hex
 * digits is ERR_INVALID_ARG with commons-lang3's message.
 */
function unescapeString(text, method) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const character = text[i];
    if (character !== '\\') {
      out += character;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next !== undefined && OCTAL.test(next)) {
      let end = i + 2;
      if (end < text.length && OCTAL.test(text[end])) {
        end++;
        if (end < text.length && OCTAL.test(text[end]) && next <= '3') end++;
      }
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, end), 8));
      i = end;
    } else if (next === 'u') {
      let start = i + 2;
      while (text[start] === 'u') start++;
      if (text[start] === '+') start++;
      if (start + 4 > text.length)
        call(
          'utils',
          'invalid',
          `Escape.${method}`,
          `Less than 4 hex digits in unicode value: '${text.slice(i)}' due to end of CharSequence`,
        );
      const digits = text.slice(start, start + 4);
      if (!HEX4.test(digits)) call('utils', 'invalid', `Escape.${method}`, `Unable to parse unicode value: ${digits}`);
      out += String.fromCharCode(Number.parseInt(digits, 16));
      i = start + 4;
    } else if (next !== undefined && next in CONTROL_UNESCAPES) {
      out += CONTROL_UNESCAPES[next];
      i += 2;
    } else i++;
  }
  return out;
}

const CSV_SPECIAL = /[",\r\n]/;

/** Quoted (its quotes doubled) when it holds a comma, a quote or a line break. */
exports.escapeCsv = translator('escapeCsv', (text) =>
  CSV_SPECIAL.test(text) ? `"${text.replace(/"/g, '""')}"` : text,
);
/** A quoted value with a comma, quote or line break unquoted (doubled quotes single); else as it is. */
exports.unescapeCsv = translator('unescapeCsv', (text) => {
  if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') return text;
  const inner = text.slice(1, -1);
  return CSV_SPECIAL.test(inner) ? inner.replace(/""/g, '"') : text;
});
/** ECMAScript string escapes: `'`, `"`, `\` and `/` backslashed, controls and non-ASCII `\uXXXX`. */
exports.escapeJavascript = translator('escapeJavascript', (text) => escapeString(text, '\'"\\/', 0x7f));
/** Java's string escapes read back (commons-lang3 reads JavaScript's as Java's). */
exports.unescapeJavascript = translator('unescapeJavascript', unescapeString);
/** HTML 3.2: `"&<>` and ISO-8859-1's characters as entities. */
exports.escapeHtml3 = translator('escapeHtml3', (text) => escapeEntities(text, HTML3));
/** HTML 3.2's entities and numeric entities read back. */
exports.unescapeHtml3 = translator('unescapeHtml3', (text) => unescapeEntities(text, HTML3));
/** HTML 4.0: `"&<>`, ISO-8859-1's characters and HTML 4.0's symbols and Greek letters as entities. */
exports.escapeHtml4 = translator('escapeHtml4', (text) => escapeEntities(text, HTML4));
/** HTML 4.0's entities and numeric entities read back. */
exports.unescapeHtml4 = translator('unescapeHtml4', (text) => unescapeEntities(text, HTML4));
/** Java string escapes: `"` and `\` backslashed, controls and non-ASCII `\uXXXX`. */
exports.escapeJava = translator('escapeJava', (text) => escapeString(text, '"\\', 0x7f));
/** Java's string escapes read back. */
exports.unescapeJava = translator('unescapeJava', unescapeString);
/** JSON string escapes: `"`, `\` and `/` backslashed, controls, DEL and non-ASCII `\uXXXX`. */
exports.escapeJson = translator('escapeJson', (text) => escapeString(text, '"\\/', 0x7e));
/** JSON's escapes read back (commons-lang3 reads them as Java's). */
exports.unescapeJson = translator('unescapeJson', unescapeString);
/** XML: `"&<>'` as `&quot; &amp; &lt; &gt; &apos;`; other characters as they are. */
exports.escapeXml = translator('escapeXml', (text) => escapeEntities(text, XML));
/** XML's five entities and numeric entities read back. */
exports.unescapeXml = translator('unescapeXml', (text) => unescapeEntities(text, XML));
