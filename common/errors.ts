/**
 * Every coded error of the package, in both processes: the session container, the sandbox, the
 * HTTP runtime.
 *
 * Every error has a stable `code`; callers match on it, never on `instanceof`, because errors
 * that cross the isolated-vm boundary are rebuilt from `{ name, code, message }` on the other side.
 */

/** Base class of every coded error this package throws. */
export class CodedError extends Error {
  /** Stable identifier, e.g. `ERR_SESSION_INVALIDATED`. */
  readonly code: string;
  /** HTTP status the server answers with when this error ends a request. */
  readonly status: number;

  constructor(code: string, message: string, status = 500) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

/** A method of an invalidated session was called (servlet: `IllegalStateException`). */
export class SessionInvalidatedError extends CodedError {
  constructor(method: string) {
    super('ERR_SESSION_INVALIDATED', `${method}: session already invalidated`);
  }
}

/** A session function was called by a script that does not run for an HTTP request. */
export class NoHttpRequestError extends CodedError {
  constructor(method: string) {
    super('ERR_NO_HTTP_REQUEST', `${method}: no HTTP request is being processed`);
  }
}

/** Creating a session would exceed the configured maximum number of active sessions. */
export class SessionLimitError extends CodedError {
  constructor(limit: number) {
    super('ERR_SESSION_LIMIT', `cannot create a session: the limit of ${limit} active sessions is reached`, 503);
  }
}

/** The session store could not be reached or failed. */
export class StoreUnavailableError extends CodedError {
  constructor(detail: string) {
    super('ERR_STORE_UNAVAILABLE', `session store unavailable: ${detail}`, 503);
  }
}

/** An option passed at construction is invalid; the message names the option. */
export class InvalidOptionError extends CodedError {
  constructor(option: string, expectation: string) {
    super('ERR_INVALID_OPTION', `option "${option}" ${expectation}`);
  }
}

/** An attribute name or value broke the rules (servlet: `IllegalArgumentException`). */
export class InvalidAttributeError extends CodedError {
  constructor(message: string) {
    super('ERR_INVALID_ATTRIBUTE', message);
    this.name = 'TypeError';
  }
}

/** A session id given to the container is malformed or already taken. */
export class InvalidSessionIdError extends CodedError {
  constructor(method: string, problem: 'malformed' | 'taken') {
    super(
      'ERR_INVALID_SESSION_ID',
      `${method}: ${problem === 'malformed' ? 'malformed session id' : 'session id already in use'}`,
    );
  }
}

// The sandbox: what ends a script's run other than the script's own exception.

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

// Uploads (multipart/form-data requests, parsed in the main process before the script runs).

/** The multipart body cannot be parsed: no boundary, a broken part, an unexpected end. */
export class UploadMalformedError extends CodedError {
  constructor(detail: string) {
    super('ERR_UPLOAD_MALFORMED', `malformed multipart/form-data body: ${detail}`, 400);
  }
}

/** One uploaded file, or one form field, is larger than `uploadMaxFileSize`. */
export class UploadFileTooLargeError extends CodedError {
  constructor(part: string, limit: number) {
    super('ERR_UPLOAD_FILE_TOO_LARGE', `upload: part "${part}" exceeds the limit of ${limit} bytes per file`, 413);
  }
}

/** The upload has more files than `uploadMaxFiles` (or more form fields than `uploadMaxFields`). */
export class UploadTooManyFilesError extends CodedError {
  constructor(what: 'files' | 'fields', limit: number) {
    super('ERR_UPLOAD_TOO_MANY_FILES', `upload: more than ${limit} ${what} in one request`, 413);
  }
}

/** The whole multipart body is larger than `uploadMaxSize`. */
export class UploadTooLargeError extends CodedError {
  constructor(limit: number) {
    super('ERR_UPLOAD_TOO_LARGE', `upload: the multipart body exceeds the limit of ${limit} bytes`, 413);
  }
}

// The HTTP client (http/v4/client): calls carried out by the main process for a script.

/** The call was refused: a host, address or redirect the `allowedHosts` option does not allow. */
export class HttpClientRefusedError extends CodedError {
  constructor(reason: string) {
    super('ERR_HTTP_CLIENT_REFUSED', `http client: ${reason}`, 500);
  }
}

/** The call failed: connection refused or reset, DNS failure, TLS error, too many redirects. */
export class HttpClientFailedError extends CodedError {
  constructor(reason: string) {
    super('ERR_HTTP_CLIENT_FAILED', `http client: ${reason}`, 500);
  }
}

/** The call took longer than its time limit (`httpClientTimeout`, or what is left of the run's deadline). */
export class HttpClientTimeoutError extends CodedError {
  constructor(limitMs: number) {
    super('ERR_HTTP_CLIENT_TIMEOUT', `http client: no complete response within ${limitMs} ms`, 500);
  }
}

/** The response body is larger than `httpClientMaxResponseSize`. */
export class HttpClientResponseTooLargeError extends CodedError {
  constructor(limit: number) {
    super(
      'ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE',
      `http client: the response body exceeds the limit of ${limit} bytes`,
      500,
    );
  }
}

/** A client call with options the client cannot carry out (`files`, a bad URL, a bad header). */
export class HttpClientInvalidArgError extends CodedError {
  constructor(message: string) {
    super('ERR_INVALID_ARG', `http client: ${message}`, 500);
    this.name = 'TypeError';
  }
}

/** `upload.parseRequest()` (or an item's function) for a request that is not multipart/form-data. */
export class NotMultipartError extends CodedError {
  constructor(method: string) {
    super('ERR_NOT_MULTIPART', `${method}: the request is not multipart/form-data`, 500);
  }
}

/** `FileItems.get(index)` with an index that names no part. */
export class UploadItemIndexError extends CodedError {
  constructor(index: unknown, count: number) {
    super('ERR_INVALID_ARG', `get: no item at index ${String(index)} (there are ${count})`, 500);
    this.name = 'RangeError';
  }
}
