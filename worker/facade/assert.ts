/**
 * Host half of `test/assert`: the guest checks the assertion itself and calls `fail` only when it
 * failed, so a passing assertion costs no boundary crossing. `fail` throws the coded
 * `AssertionFailedError`, which the guest rebuilds (name `AssertionError`, code
 * `ERR_ASSERTION_FAILED`). Assertions need no HTTP request.
 */
import { AssertionFailedError } from '../../common/errors.js';
import type { Facade } from './context.js';

/** The assert facade, by function name. */
export const assertFacade: Facade = {
  fail: (_context, [assertion, detail]) => {
    throw new AssertionFailedError(String(assertion), typeof detail === 'string' ? detail : '');
  },
};
