/**
 * The error response of a request that did not end normally: a coded error of the runtime, or a
 * run that failed (the limit it hit, named with its value, or the script's own error, its stack
 * only in development mode).
 */
import { type CodedError, describeError, type ErrorDescriptor, scriptFailureStatus } from '../../common/errors.js';
import { type ErrorBody, errorBody } from './error-response.js';

/** The response body of a coded error: its status, name, code and message. */
export function codedErrorBody(error: CodedError): ErrorBody {
  return errorBody(describeError(error), error.status);
}

/** The response body of a failed run, as the worker described it. */
export function failureBody(failure: ErrorDescriptor, development: boolean): ErrorBody {
  return errorBody(failure, scriptFailureStatus(failure), development);
}
