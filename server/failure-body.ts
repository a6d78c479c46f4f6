/**
 * The error response of a run that did not end normally: the limit it hit, named with its value,
 * or the script's own error (its stack only in development mode).
 */
import type { RunFailure } from '../sandbox/protocol.js';
import type { ErrorBody } from './error-response.js';
import type { ResolvedOptions } from './options.js';

export function failureBody(failure: RunFailure, settings: ResolvedOptions): ErrorBody {
  switch (failure.kind) {
    case 'timeout':
      return { status: 500, error: 'ScriptTimeoutError', code: 'ERR_SCRIPT_TIMEOUT', message: `script exceeded the execution time limit of ${settings.timeout} ms` };
    case 'deadline':
      return { status: 500, error: 'ScriptDeadlineError', code: 'ERR_SCRIPT_DEADLINE', message: `script did not finish within the deadline of ${settings.deadline} ms` };
    case 'memory':
      return { status: 500, error: 'MemoryLimitError', code: 'ERR_MEMORY_LIMIT', message: `script exceeded the memory limit of ${settings.memoryLimit} MB` };
    default:
      return {
        // A script that does not catch the session cap error ends with 503: the limit is reached, not the script broken.
        status: failure.code === 'ERR_SESSION_LIMIT' ? 503 : 500,
        error: failure.name,
        code: failure.code,
        message: failure.message,
        ...(settings.development && failure.stack !== '' ? { stack: failure.stack } : {}),
      };
  }
}
