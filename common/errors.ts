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

// Embedding (Express, bodies, users, cross-site protection): errors of the HTTP runtime in front of a script.

/** The client did not finish sending its request body within `bodyTimeout`. */
export class BodyTimeoutError extends CodedError {
  constructor(limitMs: number) {
    super('ERR_BODY_TIMEOUT', `the request body did not arrive within ${limitMs} ms`, 408);
  }
}

/** An unsafe-method request that the browser marked as cross-site, refused before any script or session work. */
export class CrossSiteRequestError extends CodedError {
  constructor(detail: string) {
    super('ERR_CROSS_SITE', `cross-site request refused: ${detail}`, 403);
  }
}

/** The script's path requires a user and the request carried none (or wrong credentials). */
export class UnauthenticatedError extends CodedError {
  /** The `WWW-Authenticate` challenge the 401 response carries. */
  readonly challenge: string;

  constructor(realm: string) {
    super('ERR_UNAUTHENTICATED', 'this script requires an authenticated user', 401);
    this.challenge = `Basic realm="${realm.replace(/["\\]/g, '')}", charset="UTF-8"`;
  }
}

/** `expressSession` mode, but no middleware put a session on `req.session` before the runtime. */
export class NoAppSessionError extends CodedError {
  constructor() {
    super(
      'ERR_NO_APP_SESSION',
      'option expressSession is on but req.session is missing: mount express-session before the runtime',
      500,
    );
  }
}

/** The `authenticate` option threw or rejected: the request cannot be served. */
export class AuthFailedError extends CodedError {
  constructor(detail: string) {
    super('ERR_AUTH_FAILED', `authenticate failed: ${detail}`, 500);
  }
}
