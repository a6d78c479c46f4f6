/**
 * `net/http/user` (Eclipse Dirigible API v2): the name and the roles of the request's user, the one
 * the runtime authenticated (the `authenticate` option, an Express app's `req.user`, or the CLI's
 * `--users-file`). Its successor is `security/user`.
 *
 * Should a function be called without an HTTP request, it throws a `NoHttpRequestError` (code
 * `ERR_NO_HTTP_REQUEST`).
 */
declare module 'net/http/user' {
  namespace user {
    /** The authenticated user's name; `null` when the request has no user (`security/user` says `"guest"`). */
    function getName(): string | null;
    /** Whether the authenticated user has `role`; `false` when the request has no user. */
    function isInRole(role: string): boolean;
  }
  export = user;
}
