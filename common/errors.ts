/**
 * Every coded error of the package, in both processes: the session container, the sandbox, the
 * HTTP runtime; and `ErrorDescriptor`, the one form in which an error crosses a boundary (isolate,
 * process). docs/errors.md holds the table of them all (test/common/errors-table.spec.ts checks it).
 *
 * Every error has a stable `code`; callers match on it, never on `instanceof`, because errors
 * that cross the isolated-vm boundary are rebuilt from `{ name, code, message }` on the other side.
 */

/**
 * An error as it crosses a boundary: into the isolate (the guest kernel rebuilds it), out of it
 * (a script's uncaught error), and from a worker to the main process (a run that failed).
 * `code` is `''` for a script's own error that has none.
 */
export interface ErrorDescriptor {
  name: string;
  code: string;
  message: string;
  /** Where it was thrown (a script's stack, host paths hidden); shown only in development mode. */
  stack?: string;
}

/** Base class of every coded error this package throws. */
export class CodedError extends Error {
  /** Stable identifier, e.g. `ERR_SESSION_INVALIDATED`. */
  readonly code: string;
  /** HTTP status the server answers with when this error ends a request. */
  readonly status: number;
  /**
   * What the server's log line of this error adds to its message and its answer never shows: a
   * detail the client must not see (a file's text, a path). Usually none.
   */
  logDetail?: string;
  /**
   * True when the part that threw it already wrote a log line of its own (the users file's, of
   * component `users`): the runtime then writes no script failure line of it, nor counts it as one.
   */
  logged?: boolean;

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
  /** Other options the expectation names, each in double quotes (`must be at least "timeout"`). */
  readonly relatedOptions: readonly string[];

  constructor(option: string, expectation: string, relatedOptions: readonly string[] = []) {
    super('ERR_INVALID_OPTION', `option "${option}" ${expectation}`);
    this.relatedOptions = relatedOptions;
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

/**
 * The descriptor of any thrown value. A value with no string `code` (an error of ours that is not
 * coded, i.e. a bug, or a non-error) gets `ERR_INTERNAL`. Never includes a stack.
 */
export function describeError(error: unknown): ErrorDescriptor {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === 'string' ? code : INTERNAL_CODE, message: error.message };
  }
  return { name: 'Error', code: INTERNAL_CODE, message: String(error) };
}

/**
 * The HTTP status of a run that ended with the script's uncaught error: 500, except the session cap and a store that did not answer
 * (`ERR_SESSION_LIMIT`, 503): the limit is reached, not the script broken; and a script gone between
 * the main process finding it and the worker loading it (`ERR_SCRIPT_NOT_FOUND`, 404).
 */
export function scriptFailureStatus(failure: ErrorDescriptor): number {
  if (failure.code === 'ERR_SCRIPT_NOT_FOUND') return 404;
  return failure.code === 'ERR_SESSION_LIMIT' || failure.code === 'ERR_STORE_UNAVAILABLE' ? 503 : 500;
}

// Session attribute and response size limits (common/session-limits.ts, the response buffer).

/** An attribute (UTF-8 name plus JSON value) is larger than `maxAttributeSize`; nothing was stored. */
export class AttributeTooLargeError extends CodedError {
  constructor(message: string) {
    super('ERR_ATTRIBUTE_TOO_LARGE', message);
    this.name = 'RangeError';
  }
}

/** A new attribute name beyond `maxAttributes`; nothing was stored. */
export class TooManyAttributesError extends CodedError {
  constructor(message: string) {
    super('ERR_TOO_MANY_ATTRIBUTES', message);
    this.name = 'RangeError';
  }
}

/** The session would exceed `maxSessionSize`, or the request wrote too much; nothing was stored. */
export class SessionTooLargeError extends CodedError {
  constructor(message: string) {
    super('ERR_SESSION_TOO_LARGE', message);
    this.name = 'RangeError';
  }
}

/** Output beyond `maxResponseSize`; what was written before stays, the rest is refused. */
export class ResponseTooLargeError extends CodedError {
  constructor(method: string, limit: number) {
    super(
      'ERR_RESPONSE_TOO_LARGE',
      `${method}: the response would exceed the limit of ${limit} bytes (maxResponseSize)`,
    );
    this.name = 'RangeError';
  }
}

// The response facade (worker/facade/response.ts).

/** A response function got an argument it cannot use (a status, a header, a cookie). */
export class InvalidArgumentError extends CodedError {
  constructor(method: string, message: string) {
    super('ERR_INVALID_ARG', `${method}: ${message}`);
    this.name = 'TypeError';
  }
}

/** `sendRedirect`, `sendError` or `reset` after the response was committed. */
export class ResponseCommittedError extends CodedError {
  constructor(method: string) {
    super('ERR_RESPONSE_COMMITTED', `${method}: response already committed`);
  }
}

// The sandbox bridge (worker/facade/registry.ts).

/** A guest module called a facade function that does not exist (a bug, never a script's doing). */
export class UnknownFunctionError extends CodedError {
  constructor(facade: string, fn: string) {
    super('ERR_UNKNOWN_FUNCTION', `${facade}.${fn} is not a function`);
    this.name = 'TypeError';
  }
}

// The HTTP runtime (main/server/).

/** No script at the requested path, or a path outside the root. */
export class ScriptNotFoundError extends CodedError {
  constructor() {
    super('ERR_SCRIPT_NOT_FOUND', 'no script at this path', 404);
    this.name = 'Not Found';
  }
}

/** The request body is larger than `maxBodySize`. */
export class BodyTooLargeError extends CodedError {
  constructor(limit: number) {
    super('ERR_BODY_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`, 413);
  }
}

/** The server is closing and takes no new request. */
export class ShuttingDownError extends CodedError {
  constructor() {
    super('ERR_SHUTTING_DOWN', 'the server is shutting down', 503);
  }
}

const INTERNAL_CODE = 'ERR_INTERNAL';

/** Anything unexpected: logged by the server; the client learns only that it happened. */
export class InternalError extends CodedError {
  constructor() {
    super(INTERNAL_CODE, 'internal server error');
    this.name = 'Error';
  }
}

/** True when `descriptor` describes an error that is not coded (a bug, or a compile error). */
export function isInternal(descriptor: ErrorDescriptor): boolean {
  return descriptor.code === INTERNAL_CODE;
}
// The REST framework (`rs`, issue 11): the answers of a service when no handler fits the request,
// built in the worker and written by the guest, and the mistakes of a service definition.

/** No resource path template of an `rs` service matches the request's resource path. */
export class ResourceNotFoundError extends CodedError {
  constructor(path: string) {
    super('ERR_RS_NOT_FOUND', `no resource matches the path "${path}"`, 404);
  }
}

/** Resources match the path, but none has a handler for the request's method. */
export class MethodNotAllowedError extends CodedError {
  constructor(method: string, path: string, allow: readonly string[]) {
    super(
      'ERR_RS_METHOD_NOT_ALLOWED',
      `method ${method} is not allowed on "${path}"; allowed: ${allow.join(', ')}`,
      405,
    );
  }
}

/** No handler of the method consumes the request body's media type. */
export class UnsupportedMediaTypeError extends CodedError {
  constructor(method: string, path: string, contentType: string | null, consumes: readonly string[]) {
    super(
      'ERR_RS_UNSUPPORTED_MEDIA_TYPE',
      `${method} "${path}" does not take a body ${contentType === null ? 'without Content-Type' : `of type "${contentType}"`}; it takes: ${consumes.join(', ')}`,
      415,
    );
  }
}

/** No handler of the method produces a media type the request's Accept header allows. */
export class NotAcceptableError extends CodedError {
  constructor(method: string, path: string, accept: string | null, produces: readonly string[]) {
    super(
      'ERR_RS_NOT_ACCEPTABLE',
      `${method} "${path}" cannot answer in a type of Accept: ${accept ?? ''}; it produces: ${produces.join(', ')}`,
      406,
    );
  }
}

/** A service definition mistake: a handler that is not a function, a malformed media type … */
export class RsDefinitionError extends CodedError {
  constructor(message: string) {
    super('ERR_RS_DEFINITION', message, 500);
    this.name = 'TypeError';
  }
}

// Hardening (issue 14): caps on what one run may hand the main process, framing, overload, the session lock.

/** A response got more headers than `maxHeaders`. */
export class TooManyHeadersError extends CodedError {
  constructor(method: string, limit: number) {
    super('ERR_TOO_MANY_HEADERS', `${method}: the response would exceed the limit of ${limit} headers (maxHeaders)`);
    this.name = 'RangeError';
  }
}

/** A response's headers (names plus values) got larger than `maxHeaderBytes`. */
export class HeadersTooLargeError extends CodedError {
  constructor(method: string, limit: number) {
    super(
      'ERR_HEADERS_TOO_LARGE',
      `${method}: the response's headers would exceed the limit of ${limit} bytes (maxHeaderBytes)`,
    );
    this.name = 'RangeError';
  }
}

/** A run recorded more session operations than `maxSessionOps`. */
export class TooManySessionOpsError extends CodedError {
  constructor(method: string, limit: number) {
    super(
      'ERR_SESSION_OPS_LIMIT',
      `${method}: the run would exceed the limit of ${limit} session operations (maxSessionOps)`,
    );
    this.name = 'RangeError';
  }
}

/** A status outside 200-599: informational statuses would break the connection's framing. */
export class InvalidStatusError extends CodedError {
  constructor(method: string, value: unknown) {
    super('ERR_INVALID_STATUS', `${method}: invalid status code ${String(value)} (allowed: 200-599)`);
    this.name = 'TypeError';
  }
}

/** The server is at a bound (run queue full, too many response bytes held for slow readers). */
export class OverloadedError extends CodedError {
  /** Seconds the client should wait before trying again (`Retry-After`). */
  readonly retryAfter: number;

  constructor(detail: string, retryAfter = 1) {
    super('ERR_OVERLOADED', `the server is overloaded: ${detail}`, 503);
    this.retryAfter = retryAfter;
  }
}

/** The session lock was not free within `sessionLockWait`: another request of the session ran too long. */
export class SessionLockedError extends CodedError {
  constructor(waitMs: number) {
    super('ERR_SESSION_LOCKED', `the session is busy with another request (waited ${waitMs} ms)`, 503);
  }
}

/** The shutdown did not finish gracefully within `shutdownTimeout`; connections and workers were cut off. */
export class ShutdownTimeoutError extends CodedError {
  constructor(timeoutMs: number) {
    super('ERR_SHUTDOWN_TIMEOUT', `shutdown did not finish within ${timeoutMs} ms (shutdownTimeout); cut off`, 503);
  }
}

// Compatibility with Dirigible's scripts: assertions, TypeScript, ES modules (issue 10).

/** An assertion of `test/assert` (or `utils/assert`) failed; the message names the assertion. */
export class AssertionFailedError extends CodedError {
  constructor(assertion: string, detail: string) {
    super('ERR_ASSERTION_FAILED', `Assertion '${assertion}' failed${detail === '' ? '' : ` - ${detail}`}`, 500);
    this.name = 'AssertionError';
  }
}

/** A TypeScript file could not be transpiled; the message names the file, line and column. */
export class ScriptSyntaxError extends CodedError {
  constructor(file: string, line: number, column: number, detail: string) {
    super('ERR_SCRIPT_SYNTAX', `${file}:${line}:${column}: ${detail}`, 500);
    this.name = 'SyntaxError';
  }
}

/** `require()` of a file that is an ES module (it must be imported). */
export class RequireEsModuleError extends CodedError {
  constructor(specifier: string) {
    super('ERR_REQUIRE_ESM', `require: "${specifier}" is an ES module; load it with import from an ES module`, 500);
    this.name = 'Error';
  }
}

// Operations (logs, metrics, operators' sessions, the command line).

/** The session store lacks an optional method an operator's request needs (`list`, `count`, the principal index). */
export class StoreUnsupportedError extends CodedError {
  constructor(operation: string, method: string) {
    super('ERR_STORE_UNSUPPORTED', `${operation}: the session store cannot do this (it has no ${method} method)`, 501);
  }
}

/** An operator named a session that does not exist (or no longer does). */
export class SessionNotFoundError extends CodedError {
  constructor(operation: string) {
    super('ERR_SESSION_NOT_FOUND', `${operation}: no such session`, 404);
  }
}

// Embedding (Express, bodies, users, cross-site protection): errors of the HTTP runtime in front of a script.

/**
 * Middleware in front of the runtime already read the request body and left nothing the runtime
 * can rebuild it from on the Node request: neither `req.body` nor a Buffer `req.rawBody` (Koa's
 * koa-bodyparser keeps its parse on `ctx.request`, Fastify's parsers on its own request). The
 * script would see an empty body: the embedder's mistake, not the client's.
 */
export class BodyConsumedError extends CodedError {
  constructor() {
    super(
      'ERR_BODY_CONSUMED',
      'the request body was already read by middleware in front of the runtime, which left neither req.body nor req.rawBody (a Buffer) on the Node request: hand the body on as docs/embedding.md shows, or mount the runtime before that middleware',
      500,
    );
  }
}

/** The client did not finish sending its request body within `bodyTimeout`. */
export class BodyTimeoutError extends CodedError {
  constructor(limitMs: number) {
    super('ERR_BODY_TIMEOUT', `the request body did not arrive within ${limitMs} ms`, 408);
  }
}

/**
 * The request's `Transfer-Encoding` lists a coding besides `chunked` (`gzip, chunked`): Node's
 * parser undoes only `chunked`, so the script would get the still-coded bytes as its body
 * (RFC 9112, 6.1: a server SHOULD answer 501 to a transfer coding it does not understand).
 */
export class TransferCodingError extends CodedError {
  constructor(coding: string) {
    super('ERR_TRANSFER_CODING', `unsupported transfer coding "${coding}" (only chunked is understood)`, 501);
  }
}

/**
 * The client went away (closed or reset its connection, or broke the body's framing) before its
 * request body had all arrived. Nobody is left to answer: the access line says `aborted`.
 */
export class RequestAbortedError extends CodedError {
  constructor() {
    super('ERR_REQUEST_ABORTED', 'the client went away before its request body had arrived', 400);
  }
}

/** An unsafe-method request that the browser marked as cross-site, refused before any script or session work. */
export class CrossSiteRequestError extends CodedError {
  constructor(detail: string) {
    super('ERR_CROSS_SITE', `cross-site request refused: ${detail}`, 403);
  }
}

/**
 * A request whose `Host` names no single host (RFC 9112 §3.2 requires a 400): the header sent twice,
 * or a value that is not `host[:port]`. Refused before any script or session work, since the
 * scripts' URLs and the cross-site check read the host.
 */
export class InvalidHostError extends CodedError {
  constructor(detail: string) {
    super('ERR_INVALID_HOST', `the request's Host header ${detail}`, 400);
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

/**
 * `expressSession` mode, but no middleware put a session on `req.session` before the runtime, or
 * the one there is not express-session's kind (cookie-session's lacks `save`, `destroy` and
 * `regenerate`): `lacking` names what it lacks (`save, destroy, regenerate`); empty when it is missing.
 */
export class NoAppSessionError extends CodedError {
  constructor(lacking = '') {
    const problem =
      lacking === '' ? 'req.session is missing' : `req.session is not an express-session session (it lacks ${lacking})`;
    super(
      'ERR_NO_APP_SESSION',
      `option expressSession is on but ${problem}: mount express-session before the runtime`,
      500,
    );
  }
}

/** The `authenticate` option threw or rejected: the request cannot be served. */
export class AuthFailedError extends CodedError {
  /** @param logDetail what only the log line shows (see `CodedError.logDetail`) */
  constructor(detail: string, logDetail?: string) {
    super('ERR_AUTH_FAILED', `authenticate failed: ${detail}`, 500);
    if (logDetail !== undefined) this.logDetail = logDetail;
  }
}

// Uploads (multipart/form-data requests, parsed in the main process before the script runs).

/**
 * Middleware in front of the runtime (multer, or any that reads multipart bodies) already read the
 * multipart body and kept only its own parse, from which the parts cannot be told as the client
 * sent them: the embedder's mistake, not the client's.
 */
export class UploadConsumedError extends CodedError {
  constructor() {
    super(
      'ERR_UPLOAD_CONSUMED',
      'the multipart/form-data body was already read by middleware in front of the runtime (multer …): mount that middleware on the routes that need it, not before the scripts',
      500,
    );
  }
}

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

/** `upload.parseRequest()` (or an item's function) for a request that is not multipart/form-data. */
export class NotMultipartError extends CodedError {
  constructor(method: string) {
    super('ERR_NOT_MULTIPART', `${method}: the request is not multipart/form-data`, 500);
  }
}
