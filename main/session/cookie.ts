/**
 * The session cookie: read from the `Cookie` header and written as `Set-Cookie`, both through the
 * `cookie` package (RFC 6265), never by hand.
 */
import { parseCookie, stringifySetCookie } from 'cookie';
import { InvalidOptionError } from '../../common/errors.js';

/** How the session cookie is written. */
export interface SessionCookieOptions {
  /** Cookie name. Default `JSESSIONID`. */
  name: string;
  /** Cookie path. Default `/`. */
  path: string;
  /** Cookie domain. Default: none (host-only cookie). */
  domain?: string;
  /** `true`, `false`, or `'auto'` (Secure when the request came over TLS). Default `'auto'`. */
  secure: boolean | 'auto';
  /** `SameSite` attribute. Default `'lax'`. */
  sameSite: 'lax' | 'strict' | 'none' | false;
  /** `Max-Age` in seconds; default none (a browser-session cookie). */
  maxAge?: number;
  /** `Partitioned` attribute (CHIPS). Default `false`. */
  partitioned: boolean;
}

export const defaultCookieOptions: SessionCookieOptions = {
  name: 'JSESSIONID',
  path: '/',
  secure: 'auto',
  sameSite: 'lax',
  partitioned: false,
};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 1034 labels, optionally with a leading dot (RFC 6265 ignores it). */
const DOMAIN = /^\.?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PATH = /^\/[\u0021-\u003A\u003C-\u007E]*$/;
const KNOWN = new Set(
  Object.keys({ name: 0, path: 0, domain: 0, secure: 0, sameSite: 0, maxAge: 0, partitioned: 0 } satisfies Record<
    keyof SessionCookieOptions,
    0
  >),
);

/** Fills defaults and checks every cookie option; throws naming the bad option. */
export function resolveCookieOptions(input: Partial<SessionCookieOptions> = {}): SessionCookieOptions {
  if (typeof input !== 'object' || input === null) throw new InvalidOptionError('cookie', 'must be an object');
  const unknown = Object.keys(input).find((key) => !KNOWN.has(key));
  if (unknown !== undefined)
    throw new InvalidOptionError(`cookie.${unknown}`, `is not a cookie option (known: ${[...KNOWN].join(', ')})`);
  const options = { ...defaultCookieOptions, ...stripUndefined(input) };
  if (typeof options.name !== 'string' || !TOKEN.test(options.name))
    throw new InvalidOptionError('cookie.name', 'must be a cookie token such as "JSESSIONID"');
  if (typeof options.path !== 'string' || !PATH.test(options.path))
    throw new InvalidOptionError('cookie.path', 'must start with "/" and contain no ";", spaces or control characters');
  if (options.domain !== undefined && (typeof options.domain !== 'string' || !DOMAIN.test(options.domain))) {
    throw new InvalidOptionError('cookie.domain', 'must be a domain name such as "example.com"');
  }
  if (options.secure !== true && options.secure !== false && options.secure !== 'auto') {
    const given: unknown = options.secure;
    const quoted = given === 'true' || given === 'false';
    throw new InvalidOptionError(
      'cookie.secure',
      `must be true, false or "auto"${quoted ? ` (the boolean ${given}, not the string "${given}")` : ''}`,
    );
  }
  if (!['lax', 'strict', 'none', false].includes(options.sameSite)) {
    throw new InvalidOptionError('cookie.sameSite', 'must be "lax", "strict", "none" or false');
  }
  if (options.sameSite === 'none' && options.secure === false) {
    throw new InvalidOptionError(
      'cookie.sameSite',
      '"none" needs cookie.secure true or "auto" (browsers drop SameSite=None cookies without Secure)',
    );
  }
  if (options.maxAge !== undefined && !(Number.isInteger(options.maxAge) && options.maxAge > 0)) {
    throw new InvalidOptionError(
      'cookie.maxAge',
      'must be a whole number of seconds > 0 (leave it out for a browser-session cookie)',
    );
  }
  if (typeof options.partitioned !== 'boolean') throw new InvalidOptionError('cookie.partitioned', 'must be a boolean');
  if (options.partitioned && options.secure === false) {
    throw new InvalidOptionError(
      'cookie.partitioned',
      'needs cookie.secure true or "auto" (browsers drop Partitioned cookies without Secure)',
    );
  }
  return options;
}

/** The session id the client sent, if any (the first cookie of that name). */
export function readSessionCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (cookieHeader === undefined || cookieHeader === '') return undefined;
  try {
    return parseCookie(cookieHeader)[name];
  } catch {
    return undefined;
  }
}

/** Most session cookies of one request that are tried (each may cost a store lookup). */
export const MAX_SESSION_COOKIES = 10;

/**
 * Every value of the cookie `name` the client sent, in order (at most `MAX_SESSION_COOKIES`).
 * Browsers send several cookies of one name when they were set for different paths or domains (a
 * sibling subdomain can plant one); each is tried until one names a valid session, as Tomcat does.
 */
export function readSessionCookies(cookieHeader: string | undefined, name: string): string[] {
  if (cookieHeader === undefined || cookieHeader === '') return [];
  const values: string[] = [];
  for (const pair of cookieHeader.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== name) continue;
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    values.push(value.includes('%') ? decoded(value) : value);
    if (values.length === MAX_SESSION_COOKIES) break;
  }
  return values;
}

/** A cookie value percent-decoded, or as it is when it does not decode. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The attributes of the session cookie (`; Path=/; HttpOnly; SameSite=Lax`), written by `cookie`
 * once per options and TLS or not: they never change, and writing them costs a new session some
 * microseconds (the options object the library reads changes shape every time).
 */
const attributeTexts = new WeakMap<SessionCookieOptions, [plain: string | undefined, tls: string | undefined]>();

function attributeText(options: SessionCookieOptions, secureRequest: boolean): string {
  let texts = attributeTexts.get(options);
  if (texts === undefined) {
    texts = [undefined, undefined];
    attributeTexts.set(options, texts);
  }
  const index = secureRequest ? 1 : 0;
  texts[index] ??= stringifySetCookie(options.name, '', {
    ...attributes(options, secureRequest),
    ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
  }).slice(options.name.length + 1);
  return texts[index];
}

/**
 * `Set-Cookie` value that gives the client the session id: what `cookie`'s `stringifySetCookie`
 * writes (the name is a checked token, the value percent-encoded, then the attributes).
 */
export function sessionCookieHeader(id: string, options: SessionCookieOptions, secureRequest: boolean): string {
  return `${options.name}=${encodeURIComponent(id)}${attributeText(options, secureRequest)}`;
}

/** `Set-Cookie` value that removes the session cookie from the client. */
export function clearedSessionCookieHeader(options: SessionCookieOptions, secureRequest: boolean): string {
  return stringifySetCookie(options.name, '', {
    ...attributes(options, secureRequest),
    maxAge: 0,
    expires: new Date(0),
  });
}

function attributes(options: SessionCookieOptions, secureRequest: boolean) {
  return {
    path: options.path,
    httpOnly: true,
    secure: options.secure === 'auto' ? secureRequest : options.secure,
    ...(options.sameSite === false ? {} : { sameSite: options.sameSite }),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
    ...(options.partitioned ? { partitioned: true } : {}),
  };
}

function stripUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
