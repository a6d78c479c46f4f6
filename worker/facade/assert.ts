/**
 * Host half of `test/assert`: the guest checks the assertion itself and calls `fail` only when it
 * failed, so a passing assertion costs no boundary crossing. `fail` throws the coded
 * `AssertionFailedError`, which the guest rebuilds (name `AssertionError`, code
 * `ERR_ASSERTION_FAILED`). Its message is Dirigible's: the script's own message when it gave one,
 * as it gave it; else `Assertion '<name>' failed` and the detail. Assertions need no HTTP request.
 */
import { AssertionFailedError } from '../../common/errors.js';
import type { Facade } from './context.js';

/** The assert facade, by function name. */
export const assertFacade: Facade = {
  fail: (_context, [assertion, detail, message]) => {
    const error = new AssertionFailedError(String(assertion), typeof detail === 'string' ? detail : '');
    // Dirigible throws the script's message alone (`message || "Assertion '...' failed"`).
    if (typeof message === 'string' && message !== '') error.message = message;
    throw error;
  },
};
