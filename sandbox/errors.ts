/**
 * Coded errors of the sandbox: what ends a script's run other than the script's own exception.
 */
import { CodedError } from '../session/errors.js';

/** The script ran past its execution time limit. */
export class ScriptTimeoutError extends CodedError {
  constructor(limitMs: number) {
    super('ERR_SCRIPT_TIMEOUT', `script exceeded the execution time limit of ${limitMs} ms`, 500);
  }
}

/** The run (awaiting included) went past its wall-clock deadline. */
export class ScriptDeadlineError extends CodedError {
  constructor(limitMs: number) {
    super('ERR_SCRIPT_DEADLINE', `script did not finish within the deadline of ${limitMs} ms`, 500);
  }
}

/** The script exceeded the sandbox memory limit. */
export class MemoryLimitError extends CodedError {
  constructor(limitMb: number) {
    super('ERR_MEMORY_LIMIT', `script exceeded the memory limit of ${limitMb} MB`, 500);
  }
}

/** The worker process running the script died. */
export class WorkerCrashedError extends CodedError {
  constructor(detail: string) {
    super('ERR_WORKER_CRASHED', `the sandbox worker stopped while running the script (${detail})`, 503);
  }
}

/** No worker can take the request (shutting down, or workers keep crashing). */
export class NoWorkerError extends CodedError {
  constructor(reason: string) {
    super('ERR_NO_WORKER', `no sandbox worker is able to run the script: ${reason}`, 503);
  }
}

/** `require()` could not resolve a module, or the module is not allowed. */
export class ModuleNotFoundError extends CodedError {
  constructor(message: string) {
    super('ERR_MODULE_NOT_FOUND', message, 500);
    this.name = 'Error';
  }
}
