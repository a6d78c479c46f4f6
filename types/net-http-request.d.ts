/**
 * `net/http/request` (Eclipse Dirigible API v2): the request functions v2 documented. Those v4
 * also has behave as there; `getInfo()`, `readInput()` and `readInputText()` are v2's own.
 */
declare module 'net/http/request' {
  import v4 = require('http/v4/request');
  namespace request {
    /** The URL facts `getInfo()` gathers. */
    interface HttpRequestInfo {
      /** Where scripts are mounted: `/services/js`. */
      contextPath: string;
      /** The script path and the resource path after it, from `/`. */
      pathInfo: string;
      /** The protocol and version: `HTTP/1.1`. */
      protocol: string;
      /** The query string without `?`, or `null`. */
      queryString: string | null;
      /** `http` or `https`. */
      scheme: string;
      /** The host name the client addressed. */
      serverName: string;
      /** The port the client addressed. */
      serverPort: number;
    }
    /** The v2 request: these functions of `http/v4/request`, and v2's own. */
    interface Request
      extends Pick<
        typeof v4,
        | 'getMethod'
        | 'getParameter'
        | 'getParameterNames'
        | 'getParameters'
        | 'getAttribute'
        | 'setAttribute'
        | 'getAttributeNames'
        | 'getHeader'
        | 'getHeaderNames'
        | 'getCookies'
        | 'isUserInRole'
      > {
      /** The context path, path info, protocol, query string, scheme, server name and port, in one object. */
      getInfo(): HttpRequestInfo;
      /** The body's bytes, each a number from 0 to 255 (v4: `getBytes()`). */
      readInput(): number[];
      /** The body decoded as UTF-8; `""` when there is none (v4: `getText()`). */
      readInputText(): string;
    }
  }
  const request: request.Request;
  export = request;
}
