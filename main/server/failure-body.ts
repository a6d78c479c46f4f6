/**
 * The error response of a run that did not end normally: the limit it hit, named with its value,
 * or the script's own error (its stack only in development mode).
 */
import { MemoryLimitError, ScriptDeadlineError, ScriptTimeoutError } from '../../common/errors.js';
import type { RunFailure } from '../../common/protocol.js';
import type { CodedError } from '../../common/errors.js';
import type { ErrorBody } from './error-response.js';
import type { ResolvedOptions } from './options.js';

/** The response body of a coded error: its status, name, code and message. */
export function codedErrorBody(error: CodedError): ErrorBody {
  return { status: error.status, error: error.name, code: error.code, message: error.message };
}

export function failureBody(failure: RunFailure, settings: ResolvedOptions): ErrorBody {
  switch (failure.kind) {
    case 'timeout':
      return codedErrorBody(new ScriptTimeoutError(settings.timeout));
    case 'deadline':
      return codedErrorBody(new ScriptDeadlineError(settings.deadline));
    case 'memory':
      return codedErrorBody(new MemoryLimitError(settings.memoryLimit));
    default:
      return {
        // A script that does not catch the session cap error (or a store that did not answer) ends with 503: not the script's fault.
        status: failure.code === 'ERR_SESSION_LIMIT' || failure.code === 'ERR_STORE_UNAVAILABLE' ? 503 : 500,
        error: failure.name,
        code: failure.code,
        message: failure.message,
        ...(settings.development && failure.stack !== '' ? { stack: failure.stack } : {}),
      };
  }
}
