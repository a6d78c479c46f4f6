/**
 * `security/user` (Dirigible 3 to 8; also `security/v4/user`): who the request's user is. Each
 * function answers from the user the runtime authenticated (the `authenticate` option, an Express
 * app's `req.user`, or the CLI's `--users-file`), the session, and the request's headers.
 *
 * Should a function be called without an HTTP request, it throws a `NoHttpRequestError` (code
 * `ERR_NO_HTTP_REQUEST`).
 */
declare module 'security/user' {
  namespace user {
    /** The authenticated user's name; `"guest"` when the request has no user. */
    function getName(): string;
    /** Whether the authenticated user has `role`; `false` when the request has no user. */
    function isInRole(role: string): boolean;
    /**
     * The session's idle timeout in seconds (its max inactive interval; `<= 0` never expires). Reading
     * it neither stores the session nor sets its cookie.
     */
    function getTimeout(): number;
    /** How the user was authenticated (`BASIC`, `FORM` …); `null` when the request has no user. */
    function getAuthType(): string | null;
    /**
     * The `Authorization` header's credentials from the first space on, as Dirigible cuts them:
     * `Bearer abc` gives `" abc"` (leading space kept); `""` without the header or without a space.
     */
    function getSecurityToken(): string;
    /**
     * The session attribute `invocation.count`: `null` unless a script set it (Dirigible counts its
     * session calls there; this runtime adds no attribute).
     */
    function getInvocationCount(): number | null;
    /**
     * The first language range of the highest weight in `Accept-Language`, in lower case
     * (`en-GB,en;q=0.8` gives `"en-gb"`); `"*"` without the header or without a well-formed range.
     */
    function getLanguage(): string;
  }
  export = user;
}
declare module 'security/v4/user' {
  import user = require('security/user');
  export = user;
}
