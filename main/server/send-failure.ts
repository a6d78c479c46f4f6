/**
 * Headers an error response needs besides its body: the `WWW-Authenticate` challenge of a 401, the
 * `Retry-After` of an overload 503.
 */
import { OverloadedError, UnauthenticatedError } from '../../common/errors.js';

/** Extra headers of the response to `error`. */
export function failureHeaders(error: unknown): Array<[string, string]> {
  if (error instanceof UnauthenticatedError) return [['WWW-Authenticate', error.challenge]];
  if (error instanceof OverloadedError) return [['Retry-After', String(error.retryAfter)]];
  return [];
}
