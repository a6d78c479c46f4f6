/**
 * The `Set-Cookie` header of `response.addCookie(cookie)`, from either shape a script passes:
 * - this runtime's `{ name, value, maxAge, path, domain, secure, httpOnly, sameSite, expires }`
 *   (and `comment`, `version`, `isHttpOnly`, the fields of the servlet 4 `Cookie` older Dirigible
 *   scripts serialize; RFC 6265 has no comment nor version, so those two are not sent);
 * - Dirigible 10's SDK `Cookie`, `{ name, value, attributes }`, the attributes of a servlet 6
 *   `jakarta.servlet.http.Cookie` by their Set-Cookie names in any case: `Max-Age`, `Expires`,
 *   `Path`, `Domain`, `Secure`, `HttpOnly`, `SameSite`, `Partitioned`, and any other sent as it is
 *   (RFC 6265 section 4.1.1, `extension-av`). An attribute wins over the field of the same meaning.
 * `sameSite` is `strict`, `lax` or `none` in any case. A field or attribute that cannot be sent
 * throws `ERR_INVALID_ARG` naming it: nothing is dropped silently.
 */
import { type SerializeOptions, stringifySetCookie } from 'cookie';
import { InvalidArgumentError } from '../../common/errors.js';

/** RFC 9110 `token`: an attribute name. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 6265 `extension-av` text: any CHAR but controls and `;`. */
const ATTRIBUTE_TEXT = /^[\x20-\x3a\x3c-\x7e]*$/;

/** What the header is made of: the options `cookie` knows, then other attributes as written. */
interface CookieParts {
  options: SerializeOptions;
  /** `Name=value` (or `Name`) of each other attribute, by its name in lower case. */
  extensions: Map<string, string>;
}

function invalid(message: string): never {
  throw new InvalidArgumentError('addCookie', message);
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

/** A name or value: a string, or a number or boolean as its text. */
function scalarText(what: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return invalid(`${what} must be a string, not ${shown(value)}`);
}

function text(what: string, value: unknown): string {
  return typeof value === 'string' ? value : invalid(`${what} must be a string, not ${shown(value)}`);
}

/** Seconds from a number or the text of an integer; `undefined` for a negative age (a session cookie). */
function maxAge(what: string, value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds))
    return invalid(`${what} must be a number of seconds, not ${shown(value)}`);
  return seconds < 0 ? undefined : Math.trunc(seconds);
}

function expires(what: string, value: unknown): Date {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? invalid(`${what} must be a date, not ${shown(value)}`) : new Date(time);
}

function sameSite(what: string, value: unknown): 'strict' | 'lax' | 'none' {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return lower === 'strict' || lower === 'lax' || lower === 'none'
    ? lower
    : invalid(`${what} must be "Strict", "Lax" or "None", not ${shown(value)}`);
}

function flag(what: string, value: unknown): boolean {
  return typeof value === 'boolean' ? value : invalid(`${what} must be true or false, not ${shown(value)}`);
}

/** A servlet 6 flag attribute: present (`""` or `"true"`) or not (`"false"`). */
function flagAttribute(what: string, value: unknown): boolean {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (lower === '' || lower === 'true') return true;
  return lower === 'false' ? false : invalid(`${what} must be "", "true" or "false", not ${shown(value)}`);
}

/** Sets option `key`, or takes it away for `undefined` and `false`. */
function put<K extends keyof SerializeOptions>(parts: CookieParts, key: K, value: SerializeOptions[K]): void {
  if (value === undefined || value === false) delete parts.options[key];
  else parts.options[key] = value;
}

type Apply = (parts: CookieParts, value: unknown, what: string) => void;

/** The options each known attribute sets, by its name in lower case (used by fields and attributes). */
const attributes: ReadonlyMap<string, Apply> = new Map<string, Apply>([
  ['max-age', (parts, value, what) => put(parts, 'maxAge', maxAge(what, value))],
  ['expires', (parts, value, what) => put(parts, 'expires', expires(what, value))],
  ['path', (parts, value, what) => put(parts, 'path', text(what, value))],
  ['domain', (parts, value, what) => put(parts, 'domain', text(what, value))],
  ['secure', (parts, value, what) => put(parts, 'secure', flagAttribute(what, value))],
  ['httponly', (parts, value, what) => put(parts, 'httpOnly', flagAttribute(what, value))],
  ['partitioned', (parts, value, what) => put(parts, 'partitioned', flagAttribute(what, value))],
  ['samesite', (parts, value, what) => put(parts, 'sameSite', sameSite(what, value))],
]);

const ignored: Apply = () => undefined;

/** The attribute named `name` (lower case) of `attributes`. */
function attribute(name: string): Apply {
  return attributes.get(name) as Apply;
}

/**
 * The fields of the cookie object besides `name`, `value` and `attributes`: those of an attribute
 * apply as it does, but for the flags, which are booleans here and texts as attributes.
 */
const fields: ReadonlyMap<string, Apply> = new Map<string, Apply>([
  ['maxAge', attribute('max-age')],
  ['expires', attribute('expires')],
  ['path', attribute('path')],
  ['domain', attribute('domain')],
  ['sameSite', attribute('samesite')],
  ['secure', (parts, value, what) => put(parts, 'secure', flag(what, value))],
  ['httpOnly', (parts, value, what) => put(parts, 'httpOnly', flag(what, value))],
  ['isHttpOnly', (parts, value, what) => put(parts, 'httpOnly', flag(what, value))],
  ['comment', ignored],
  ['version', ignored],
]);

/** An attribute this module has no option for, kept to be sent as written. */
function extension(parts: CookieParts, name: string, value: unknown): void {
  const what = `attribute ${JSON.stringify(name)}`;
  if (!TOKEN.test(name)) invalid(`${what} is not a valid attribute name`);
  const written = scalarText(what, value);
  if (!ATTRIBUTE_TEXT.test(written)) invalid(`${what} has a value a header cannot carry`);
  parts.extensions.set(name.toLowerCase(), written === '' ? name : `${name}=${written}`);
}

function applyAttributes(parts: CookieParts, given: unknown): void {
  if (given === null || given === undefined) return;
  if (typeof given !== 'object' || Array.isArray(given)) invalid(`attributes must be an object, not ${shown(given)}`);
  for (const [name, value] of Object.entries(given)) {
    if (value === null || value === undefined) continue;
    const known = attributes.get(name.toLowerCase());
    if (known === undefined) extension(parts, name, value);
    else known(parts, value, `attribute ${JSON.stringify(name)}`);
  }
}

/**
 * The `Set-Cookie` value for the cookie a script passed, as JSON text.
 * @throws InvalidArgumentError (`ERR_INVALID_ARG`) for a cookie that is not an object with a
 *   name, a field or attribute of the wrong type, or a name, value or attribute a header cannot carry
 * @example setCookieHeader('{"name":"a","value":"b","attributes":{"SameSite":"Strict"}}') // 'a=b; SameSite=Strict'
 */
export function setCookieHeader(json: unknown): string {
  const cookie: unknown = typeof json === 'string' ? JSON.parse(json) : undefined;
  if (cookie === null || typeof cookie !== 'object' || Array.isArray(cookie))
    return invalid(`the cookie must be an object { name, value, … }, not ${shown(cookie)}`);
  const { name, value, attributes: given, ...rest } = cookie as Record<string, unknown>;
  const cookieName = name === undefined || name === null ? '' : scalarText('name', name);
  if (cookieName === '') invalid('the cookie has no name');
  const parts: CookieParts = { options: {}, extensions: new Map() };
  for (const [field, fieldValue] of Object.entries(rest)) {
    const apply = fields.get(field);
    if (apply === undefined) invalid(`unknown cookie field ${JSON.stringify(field)}`);
    if (fieldValue !== null && fieldValue !== undefined) apply(parts, fieldValue, field);
  }
  applyAttributes(parts, given);
  const cookieValue = value === undefined || value === null ? '' : scalarText('value', value);
  let header: string;
  try {
    header = stringifySetCookie(cookieName, cookieValue, parts.options);
  } catch (error) {
    return invalid(error instanceof Error ? error.message : 'invalid cookie');
  }
  return [header, ...parts.extensions.values()].join('; ');
}
