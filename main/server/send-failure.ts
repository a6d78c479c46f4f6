/**
 * Headers an error response needs besides its body: the `WWW-Authenticate` challenge of a 401.
 */
import { UnauthenticatedError } from '../../common/errors.js';

/** Extra headers of the response to `error`. */
export function failureHeaders(error: unknown): Array<[string, string]> {
  return error instanceof UnauthenticatedError ? [['WWW-Authenticate', error.challenge]] : [];
}
