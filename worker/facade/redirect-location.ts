/**
 * The `Location` of `response.sendRedirect(location)`. A header carries bytes, not text: a
 * non-ASCII character sent as it is reaches a browser as a Latin-1 byte (`Köln` arrives as
 * `K%F6ln`, which the next script decodes as `K�ln`), or cannot be sent at all (`✓`). A URL
 * carries non-ASCII text percent-encoded as UTF-8 (RFC 3986 section 2.5; WHATWG URL), which is
 * what a browser does with a link to the same URL, so `sendRedirect` does that.
 */
import { InvalidArgumentError } from '../../common/errors.js';

/**
 * `location` with each run of non-ASCII characters percent-encoded as UTF-8; ASCII is kept as
 * written (a `%` escape already there, and a line break, which the header check then refuses).
 * Throws `ERR_INVALID_ARG` naming `sendRedirect` for a lone surrogate, which no URL can carry.
 *
 * @example redirectLocation('landing.js?city=Köln') // 'landing.js?city=K%C3%B6ln'
 */
export function redirectLocation(location: string): string {
  return location.replace(/[^\0-\x7f]+/g, (text) => {
    try {
      return encodeURI(text);
    } catch {
      throw new InvalidArgumentError('sendRedirect', 'the location has a lone surrogate, which no URL can carry');
    }
  });
}
