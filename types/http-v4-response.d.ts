/**
 * `http/v4/response`: the response of the request the script runs for (Eclipse Dirigible API v4).
 * Output is buffered and sent after the script ends and its session changes are stored. Servlet
 * rules: after the response is committed (`flush`, `close`, `sendError`, `sendRedirect`) status
 * and headers no longer change; after `close` output is ignored.
 *
 * Should a function be called without an HTTP request, every function but `isValid()` throws a
 * `NoHttpRequestError` (code `ERR_NO_HTTP_REQUEST`) naming it.
 */
declare module 'http/v4/response' {
  namespace response {
    /** `SameSite` in any case. */
    type SameSite = 'lax' | 'strict' | 'none' | 'Lax' | 'Strict' | 'None' | 'LAX' | 'STRICT' | 'NONE';

    /**
     * A cookie to set, as fields or as Dirigible 10's SDK `Cookie` `{ name, value, attributes }`
     * (or both; an attribute wins over the field of the same meaning). `maxAge` is in seconds, a
     * negative one makes a session cookie; `expires` is a date's text. Older Dirigible scripts'
     * servlet `Cookie` fields are taken too: `isHttpOnly` as `httpOnly`; `comment` and `version`
     * are not sent (RFC 6265 has neither).
     */
    interface HttpCookie {
      name: string;
      value?: string | number | boolean | null;
      maxAge?: number | null;
      expires?: string | Date | null;
      path?: string | null;
      domain?: string | null;
      secure?: boolean | null;
      httpOnly?: boolean | null;
      sameSite?: SameSite | null;
      isHttpOnly?: boolean | null;
      comment?: string | null;
      version?: number | null;
      /**
       * Set-Cookie attributes by name, in any case: `Max-Age`, `Expires`, `Path`, `Domain`,
       * `SameSite`; the flags `Secure`, `HttpOnly`, `Partitioned` with value `""` or `"true"`
       * (`"false"` leaves them out); any other attribute is sent as written (`Priority: "High"`).
       * A `null` value leaves the attribute out.
       */
      attributes?: { [name: string]: string | null };
    }

    /**
     * Dirigible's reason phrases (RFC 7231, section 6.1) of its status codes, by the code's text:
     * `HttpCodesReasons["404"]` is `"Not Found"`. Frozen.
     */
    interface HttpCodesReasons {
      readonly [code: string]: string | ((code: number | string) => string | undefined);
      /**
       * The reason phrase of `code`, a number or its text; `undefined` for a code not in the table.
       * @throws TypeError (`ERR_INVALID_ARG`) when `code` is not a number
       * @example response.HttpCodesReasons.getReason(String(response.NOT_FOUND)) // "Not Found"
       */
      getReason(code: number | string): string | undefined;
    }

    /** True when the script runs for an HTTP request (always, for a served script). Never throws. */
    function isValid(): boolean;
    /**
     * Appends `text` to the body as UTF-8; a falsy value (`0`, `null`, `false` …) prints as `""`.
     * @throws RangeError (`ERR_RESPONSE_TOO_LARGE`) when the response (body plus headers) would
     *   exceed `maxResponseSize` (default 10 MiB); what was written before stays. The same holds
     *   for every function that writes output or adds a header.
     */
    function print(text: unknown): void;
    /** Appends `text` and a line feed (`\n`) to the body; a falsy value prints as `""`. */
    function println(text?: unknown): void;
    /**
     * Answers with JSON (Dirigible 8 and 9, and the SDK's `Response.json`): sets `Content-Type:
     * application/json` (`addHeader` of `Content-Type` is `setContentType`: one value, with the
     * encoding set before, if any) and prints `JSON.stringify(value)`.
     * @example response.json({ items: [] });
     */
    function json(value: unknown): void;
    /** Appends a string as UTF-8, or bytes (numbers 0–255, each taken modulo 256) as they are. */
    function write(data: string | ArrayLike<number>): void;
    /** Commits the response: status and headers no longer change. Output is still buffered. */
    function flush(): void;
    /** Commits and closes the response: later output is ignored. */
    function close(): void;
    /** True once the response is committed. */
    function isCommitted(): boolean;
    /**
     * Sets the status code; ignored once committed.
     * @throws TypeError (`ERR_INVALID_STATUS`) unless `status` is an integer from 200 to 599 (informational statuses would break the connection)
     */
    function setStatus(status: number): void;
    /** The status code; 200 unless set. */
    function getStatus(): number;
    /**
     * Sets header `name` to `value`, replacing every value it had (case-insensitive); ignored once
     * committed. A `null` or `undefined` value removes the header (servlet rule). `Content-Type`
     * is `setContentType(value)`.
     * @throws TypeError (`ERR_INVALID_ARG`) for an invalid header name or value (a line break, for one)
     */
    function setHeader(name: string, value: string | number | null | undefined): void;
    /**
     * Adds a value to header `name`, keeping the ones before; ignored once committed. A `null` or
     * `undefined` value does nothing. `Content-Type` is `setContentType(value)`: it has one value.
     * @throws TypeError (`ERR_INVALID_ARG`) for an invalid header name or value
     */
    function addHeader(name: string, value: string | number | null | undefined): void;
    /** The first value of header `name` (case-insensitive), or `null`. */
    function getHeader(name: string): string | null;
    /** Every value of header `name` (case-insensitive), in order; `[]` when absent. */
    function getHeaders(name: string): string[];
    /** The names of the headers set, each once, as first written. */
    function getHeaderNames(): string[];
    /** True when header `name` (case-insensitive) is set. */
    function containsHeader(name: string): boolean;
    /**
     * Sets `Content-Type`; ignored once committed. Servlet rules: a type with a `charset` sets the
     * character encoding too; a type without one gets the encoding set before (by
     * `setCharacterEncoding` or an earlier type), so `setCharacterEncoding("UTF-8")` then
     * `setContentType("application/json")` sends `application/json;charset=UTF-8`. `null` or
     * `undefined` removes `Content-Type` and the encoding (the runtime's default type is sent).
     * @throws TypeError (`ERR_INVALID_ARG`) for an invalid value
     */
    function setContentType(type: string | null | undefined): void;
    /** The `Content-Type` set, with its `charset`, or `null`. */
    function getContentType(): string | null;
    /**
     * Sets the character encoding: the `charset` of `Content-Type` (`text/plain` when no type was
     * set), kept for later content types without one; ignored once committed. `null` or
     * `undefined` takes the encoding away. `reset()` does too.
     * @throws TypeError (`ERR_INVALID_ARG`) for a charset a header cannot carry
     */
    function setCharacterEncoding(charset: string | null | undefined): void;
    /** The `charset` of `Content-Type`; `UTF-8` when none is set. */
    function getCharacterEncoding(): string;
    /** Accepted for compatibility and ignored: the runtime sends the length of what was written. */
    function setContentLength(length: number): void;
    /** The bytes written to the body so far. */
    function getContentLength(): number;
    /**
     * Adds a `Set-Cookie` header for `cookie`, given as fields or as Dirigible 10's
     * `{ name, value, attributes }`.
     * @example response.addCookie({ name: "theme", value: "dark", attributes: { "Max-Age": "3600", SameSite: "Strict" } });
     * @throws TypeError (`ERR_INVALID_ARG`) naming the field for a cookie that is not an object with
     *   a name, an unknown field, a field or attribute of the wrong type (`sameSite: "sometimes"`),
     *   or a name, value or attribute a header cannot carry; nothing is added
     */
    function addCookie(cookie: HttpCookie): void;
    /**
     * Servlet `encodeURL`: `url` with `;jsessionid=ID` added when the embedder enabled URL rewriting,
     * the request has a session, the client did not send the session cookie, and `url` stays in
     * the application; otherwise `url` unchanged (always, with URL rewriting off, the default).
     */
    function encodeURL(url: string): string;
    /** Servlet `encodeRedirectURL`: as `encodeURL`, for a URL passed to `sendRedirect`. */
    function encodeRedirectURL(url: string): string;
    /**
     * Sets `Content-Language` to the parts given, joined by `-`: `setLocale("de", "AT")` sends `de-AT`.
     * @throws TypeError (`ERR_INVALID_ARG`) for an invalid value
     */
    function setLocale(language: string, country?: string, variant?: string): void;
    /**
     * The locale set, as Java writes a `Locale` (Dirigible hands one over): `de_AT` after
     * `setLocale("de", "AT")`, whose `Content-Language` is `de-AT`; `en` when none was set.
     */
    function getLocale(): string;
    /**
     * Clears status, headers (the character encoding set too) and body.
     * @throws an error with code `ERR_RESPONSE_COMMITTED` when the response is already committed
     *   (a servlet container throws `IllegalStateException`)
     */
    function reset(): void;
    /**
     * Answers 302 with `Location: location` (non-ASCII text percent-encoded as UTF-8), discarding
     * the body, and closes the response.
     * @throws an error with code `ERR_RESPONSE_COMMITTED` when the response is already committed
     */
    function sendRedirect(location: string): void;
    /**
     * Answers `status` with a JSON body `{ status, error, message }` (`message` defaults to the
     * status text), or an HTML error page when the request's `Accept` lists `text/html` (a
     * browser's navigation), discarding the body so far, and closes the response.
     * @throws an error with code `ERR_RESPONSE_COMMITTED` when the response is already committed;
     *   TypeError (`ERR_INVALID_STATUS`) unless `status` is an integer from 200 to 599
     */
    function sendError(status: number, message?: string): void;

    // Status codes.
    const CONTINUE: 100;
    const SWITCHING_PROTOCOLS: 101;
    const OK: 200;
    const CREATED: 201;
    const ACCEPTED: 202;
    const NON_AUTHORITATIVE_INFORMATION: 203;
    const NO_CONTENT: 204;
    const RESET_CONTENT: 205;
    const PARTIAL_CONTENT: 206;
    const MULTIPLE_CHOICES: 300;
    const MOVED_PERMANENTLY: 301;
    const MOVED_TEMPORARILY: 302;
    const FOUND: 302;
    const SEE_OTHER: 303;
    const NOT_MODIFIED: 304;
    const USE_PROXY: 305;
    const TEMPORARY_REDIRECT: 307;
    const BAD_REQUEST: 400;
    const UNAUTHORIZED: 401;
    const PAYMENT_REQUIRED: 402;
    const FORBIDDEN: 403;
    const NOT_FOUND: 404;
    const METHOD_NOT_ALLOWED: 405;
    const NOT_ACCEPTABLE: 406;
    const PROXY_AUTHENTICATION_REQUIRED: 407;
    const REQUEST_TIMEOUT: 408;
    const CONFLICT: 409;
    const GONE: 410;
    const LENGTH_REQUIRED: 411;
    const PRECONDITION_FAILED: 412;
    const REQUEST_ENTITY_TOO_LARGE: 413;
    const REQUEST_URI_TOO_LONG: 414;
    const UNSUPPORTED_MEDIA_TYPE: 415;
    const REQUESTED_RANGE_NOT_SATISFIABLE: 416;
    const EXPECTATION_FAILED: 417;
    const INTERNAL_SERVER_ERROR: 500;
    const NOT_IMPLEMENTED: 501;
    const BAD_GATEWAY: 502;
    const SERVICE_UNAVAILABLE: 503;
    const GATEWAY_TIMEOUT: 504;
    const HTTP_VERSION_NOT_SUPPORTED: 505;
    /** The reason phrase of each status code above: `HttpCodesReasons.getReason(404)` is `"Not Found"`. */
    const HttpCodesReasons: HttpCodesReasons;
  }
  export = response;
}
