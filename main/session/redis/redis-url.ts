/**
 * The one check of a Redis URL, for every option that takes one (`redisUrl`, `--redis-url`,
 * `RedisStore`'s `url`): it reports the option the user passed.
 */
import { InvalidOptionError } from '../../../common/errors.js';

/** A URL's path names the database: none, `/`, or `/` and a whole number (`redis://host:6379/2`). */
const DATABASE_PATH = /^(\/\d*)?$/;

/**
 * `url` when it parses as a `redis://` or `rediss://` URL whose path, if any, is a database
 * number, and whose user and password, if any, are percent-encoded (node-redis decodes them, and a
 * malformed escape threw a bare `URIError` from `createRuntime`); otherwise throws `ERR_INVALID_OPTION` naming `option` (the password, if any, shown as `***`).
 * @example checkRedisUrl('redisUrl', 'redis://127.0.0.1:6379') // 'redis://127.0.0.1:6379'
 * @example checkRedisUrl('redisUrl', 'redis://:secret@cache:6379/2') // 'redis://:secret@cache:6379/2'
 */
export function checkRedisUrl(option: string, url: unknown): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:'))
    throw new InvalidOptionError(option, `must be a redis:// or rediss:// URL (got ${redactedText(String(url))})`);
  // Without `//` (`redis:/:secret@cache`) the URL has no user or password: what the user meant as
  // one stands in its path, where only the text's redaction finds it.
  const shown = parsed.host === '' ? redactedText(url as string) : redacted(parsed);
  if (!DATABASE_PATH.test(parsed.pathname))
    throw new InvalidOptionError(
      option,
      `must name the database by a whole number after the port, such as redis://host:6379/2 (got ${shown})`,
    );
  if (!decodes(parsed.username) || !decodes(parsed.password))
    throw new InvalidOptionError(
      option,
      `must percent-encode its user and password (a % starts an escape such as %25) (got ${shown})`,
    );
  return url as string;
}

/** True when `text` has no malformed percent escape. */
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `text`, a URL as given (it may not parse), with whatever stands between the first `:` after `//`
 * and the last `@` shown as `***`: where the password would be (and more, never less); without
 * `//` (a slash left out), all between the scheme and the last `@`.
 * @example redactedText('redis://:secret@cache:99999') // 'redis://:***@cache:99999'
 * @example redactedText('redis:/:secret@cache') // 'redis:***@cache'
 */
function redactedText(text: string): string {
  if (/^[^/]*\/\//.test(text)) return text.replace(/^([^/]*\/\/[^/:@]*:).*@/s, '$1***@');
  return text.replace(/^([a-z][a-z\d+.-]*:).*@/is, '$1***@');
}

/** The URL without its password, for messages and log lines. */
export function redacted(url: URL): string {
  const copy = new URL(url);
  if (copy.password !== '') copy.password = '***';
  return copy.toString();
}
