/**
 * The `Location` of `response.sendRedirect(location)`. A header carries bytes, not text: a
 * non-ASCII character sent as it is reaches a browser as a Latin-1 byte (`Köln` arrives as
 * `K%F6ln`, which the next script decodes as `K�ln`), or cannot be sent at all (`✓`). A URL
 * carries non-ASCII text percent-encoded as UTF-8 (RFC 3986 section 2.5; WHATWG URL), which is
 * what a browser does with a link to the same URL, so `sendRedirect` does that.
 */
import { InvalidArgumentError } from '../../common/errors.js';

/**
 * ASCII characters no part of a URL may hold as they are, which a browser percent-encodes wherever
 * they stand (path, query and fragment alike: the WHATWG URL standard's encode sets): space, `"`,
 * `<`, `>` and the backtick.
 */
const UNSAFE_ASCII: Readonly<Record<string, string>> = { ' ': '%20', '"': '%22', '<': '%3C', '>': '%3E', '`': '%60' };

/**
 * `location` with each run of non-ASCII characters percent-encoded as UTF-8, and the ASCII
 * characters no URL part may hold as they are (`UNSAFE_ASCII`: a space, quotes, angle brackets)
 * percent-encoded; other ASCII is kept as written (a `%` escape already there, and a line break,
 * which the header check then refuses). Throws `ERR_INVALID_ARG` naming `sendRedirect` for a lone
 * surrogate, which no URL can carry.
 *
 * @example redirectLocation('landing.js?city=Köln am Rhein') // 'landing.js?city=K%C3%B6ln%20am%20Rhein'
 */
export function redirectLocation(location: string): string {
  return location.replace(/[^\0-\x7f]+|[ "<>`]/g, (text) => {
    const ascii = UNSAFE_ASCII[text];
    if (ascii !== undefined) return ascii;
    try {
      return encodeURI(text);
    } catch {
      throw new InvalidArgumentError('sendRedirect', 'the location has a lone surrogate, which no URL can carry');
    }
  });
}
