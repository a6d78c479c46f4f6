/**
 * `http/v4/request`: the HTTP request the script runs for (Eclipse Dirigible API v4). Everything
 * is read from the request as it arrived; nothing here changes it except request attributes.
 *
 * Should a function be called without an HTTP request, every function but `isValid()` throws a
 * `NoHttpRequestError` (code `ERR_NO_HTTP_REQUEST`) naming it.
 */
declare module 'http/v4/request' {
  namespace request {
    /** A cookie the client sent. */
    interface HttpCookie {
      name: string;
      value: string;
    }

    /** True when the script runs for an HTTP request (always, for a served script). Never throws. */
    function isValid(): boolean;
    /** The HTTP method: `GET`, `POST`, `PUT`, `DELETE`, `HEAD` … */
    function getMethod(): string;
    /** The authenticated user's name (`authenticate` option, `req.user`, or `--users`); `null` when anonymous. */
    function getRemoteUser(): string | null;
    /** The authentication scheme (`BASIC`, `FORM` … as the embedder says); `null` when anonymous or unknown. */
    function getAuthType(): string | null;
    /** Whether the authenticated user has `role`; `false` when anonymous. */
    function isUserInRole(role: string): boolean;
    /** The path after the (empty) context path: `/services/js/app.js/items/42`. */
    function getPathInfo(): string;
    /** The path info under the virtual web root `/` (no host path): `/services/js/app.js/items/42`. */
    function getPathTranslated(): string | null;
    /** The text after the script's `.js/` or `.mjs/` segment, without the leading `/`; `""` when none. */
    function getResourcePath(): string;
    /** The servlet path: `""` (scripts are served by the root web application, as on Dirigible). */
    function getServicePath(): string;
    /** The context path: `""` (the root web application, as on Dirigible), or the path an Express app mounted the runtime at (`/scripts`). */
    function getContextPath(): string;
    /** The path of the request URL as the client sent it (the context path first), without the query string. */
    function getRequestURI(): string;
    /** The full URL without the query string: scheme, host, port when not the default, path. */
    function getRequestURL(): string;
    /** The query string without `?`, or `null` when the URL has none. */
    function getQueryString(): string | null;
    /**
     * The query string as an object (Dirigible's, and `ctx.queryParameters` of the REST framework):
     * a name given once maps to its value, a name given several times to the array of its values
     * in order; `+` is a space, %-escapes are decoded, a name without `=` maps to `""`. `{}` when
     * there is no query string; a fresh object on each call.
     * @example request.getQueryParametersMap() // ?a=1&a=2&b=x gives { a: ["1", "2"], b: "x" }
     */
    function getQueryParametersMap(): Record<string, string | string[]>;
    /** The protocol and version: `HTTP/1.1`. */
    function getProtocol(): string;
    /** `http` or `https` (`https` also behind a proxy that says so, with the `trustProxy` option). */
    function getScheme(): string;
    /** True when the request came over TLS (or a trusted proxy says it did). */
    function isSecure(): boolean;
    /**
     * The host name the client addressed (the `Host` header without the port); without a `Host`
     * (HTTP/1.0), the address the request arrived on.
     */
    function getServerName(): string;
    /** The port the client addressed. */
    function getServerPort(): number;
    /**
     * The client's IP address. An IPv4 client is written as IPv4 (`127.0.0.1`), as a servlet
     * container reports it, also on a server listening on `::` (where Node sees `::ffff:127.0.0.1`).
     */
    function getRemoteAddress(): string;
    /** The client's host; its IP address, as no reverse lookup is made. */
    function getRemoteHost(): string;
    /** The client's port. */
    function getRemotePort(): number;
    /** The IP address the request arrived on (an IPv4 one written as IPv4, as `getRemoteAddress()`). */
    function getLocalAddress(): string;
    /** The host name the request arrived for (as `getServerName()`). */
    function getLocalName(): string;
    /** The port the request arrived on. */
    function getLocalPort(): number;
    /**
     * The language of `Accept-Language` the client prefers (highest `q`, the first among equals),
     * or `en` when there is none, written as Java writes a `Locale` (Dirigible hands one over):
     * `de_AT` for `de-at`.
     */
    function getLocale(): string;
    /** The first value of header `name` (case-insensitive), or `null`. */
    function getHeader(name: string): string | null;
    /** Every value of header `name` (case-insensitive), in order; `[]` when absent. */
    function getHeaders(name: string): string[];
    /** The names of the headers sent, spelled as sent, in order, each once. */
    function getHeaderNames(): string[];
    /** The cookies the client sent, in order; `null` when it sent none (the servlet's answer, as on Dirigible). */
    function getCookies(): HttpCookie[] | null;
    /** The `Content-Type` header, or `null`. */
    function getContentType(): string | null;
    /** The body's length in bytes, or `-1` when the request had no `Content-Length`. */
    function getContentLength(): number;
    /** The `charset` of `Content-Type`, or `null`. */
    function getCharacterEncoding(): string | null;
    /** The body decoded as UTF-8; `""` when there is none. */
    function getText(): string;
    /** The body's bytes, each a number from 0 to 255. */
    function getBytes(): number[];
    /**
     * The body parsed as JSON; `null` when the body is empty.
     * @throws SyntaxError when the body is not JSON
     */
    function getJSON(): any;
    /**
     * The body parsed as JSON, as `getJSON()` (Dirigible 8 and 9 name it both ways).
     * @throws SyntaxError when the body is not JSON
     */
    function json(): any;
    /**
     * The first value of parameter `name` from the query string, an
     * `application/x-www-form-urlencoded` body or a form field (not a file) of a
     * `multipart/form-data` body, or `null`.
     */
    function getParameter(name: string): string | null;
    /** Every value of parameter `name`, query string first; `null` when it was not sent (as on Dirigible). */
    function getParameterValues(name: string): string[] | null;
    /** The parameter names, query string first. */
    function getParameterNames(): string[];
    /** Every parameter with all its values. */
    function getParameters(): Record<string, string[]>;
    /** Request attribute `name` (set by this script during this request), or `null`. */
    function getAttribute(name: string): string | null;
    /** The names of the request attributes. */
    function getAttributeNames(): string[];
    /**
     * Sets request attribute `name` to `value` turned into a string; it lives for this request.
     * @throws RangeError (`ERR_ATTRIBUTE_TOO_LARGE`, `ERR_TOO_MANY_ATTRIBUTES`, `ERR_SESSION_TOO_LARGE`)
     *   past the limits session attributes have; nothing is stored then
     */
    function setAttribute(name: string, value: string): void;
    /** Removes request attribute `name`; does nothing when it is absent. */
    function removeAttribute(name: string): void;
  }
  export = request;
}
